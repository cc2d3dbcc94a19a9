import { useState } from 'preact/hooks';
import type { CommandResult, Settings, SettingsPatch } from '../../../shared/contract';
import { isWebAppTemplate, templateFromExample } from '../../../shared/web-app-link';
import { isWebAppHome } from '../../../shared/web-app-target';

interface WebAppSettingsProps {
  /** The saved address (`webAppBucketUrl`), or '' when not set. */
  value: string;
  /** The web app's own address (`webAppUrl`): where rows open until a bucket page is set. */
  home: string;
  /** True for the id of a bucket in the list: a pasted bucket page has one where `{id}` goes. */
  isBucketId(value: string): boolean;
  apply(patch: SettingsPatch): Promise<CommandResult<Settings>>;
}

const PROBLEM = 'Use an https address from the web app with {id} where the bucket’s id goes, or the address of one of your buckets’ pages.';

/**
 * "Open in the web app" works from the first start (the web app's address has a default).
 * Landing on a bucket's own page needs that page's address, which the platform does not
 * document: the user pastes one (any bucket of theirs), and the id in it becomes `{id}`.
 */
export function WebAppSettings({ value, home, isBucketId, apply }: WebAppSettingsProps) {
  const [draft, setDraft] = useState(value);
  const [homeDraft, setHomeDraft] = useState(home);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const trimmed = draft.trim();

  async function submit(event: Event) {
    event.preventDefault();
    const homeTrimmed = homeDraft.trim();
    if (homeTrimmed !== home) {
      if (!isWebAppHome(homeTrimmed)) return setProblem('The web app address must be an https address.');
      const saved = await apply({ webAppUrl: homeTrimmed });
      setProblem(saved.ok ? undefined : saved.error.message);
      if (!saved.ok || trimmed === value) return;
    }
    const template = trimmed === '' ? '' : templateFromExample(trimmed, isBucketId);
    if (template === undefined || (template !== '' && !isWebAppTemplate(template))) {
      setProblem(PROBLEM);
      return;
    }
    const result = await apply({ webAppBucketUrl: template });
    setProblem(result.ok ? undefined : result.error.message);
    if (result.ok) setDraft(template);
  }

  return (
    <fieldset>
      <legend>Web app</legend>
      <form onSubmit={(event) => void submit(event)}>
        <label>
          Web app address
          <input type="url" value={homeDraft} spellcheck={false} onInput={(event) => setHomeDraft((event.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          Bucket page in the web app
          <input
            type="url"
            value={draft}
            spellcheck={false}
            placeholder="https://…/buckets/{id}"
            aria-describedby="web-app-help"
            aria-invalid={problem ? 'true' : undefined}
            onInput={(event) => setDraft((event.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <p id="web-app-help" class="muted small">
          Each row’s “Web app” link (key O) opens the web app. To land on the bucket’s own page instead, open one of your buckets in the web app and paste its address here.
        </p>
        {problem ? (
          <p class="form-error" role="alert">
            {problem}
          </p>
        ) : null}
        <button type="submit" disabled={trimmed === value && homeDraft.trim() === home}>
          {trimmed === '' && value !== '' ? 'Remove the bucket page' : 'Save web app addresses'}
        </button>
      </form>
    </fieldset>
  );
}
