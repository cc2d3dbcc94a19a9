import { useState } from 'preact/hooks';
import type { CommandResult, Settings, SettingsPatch } from '../../shared/contract';
import { isWebAppTemplate, templateFromExample } from '../../shared/web-app-link';

export interface WebAppSettingsProps {
  /** The saved address (`webAppBucketUrl`), or '' when not set. */
  value: string;
  /** True for the id of a bucket in the list: a pasted bucket page has one where `{id}` goes. */
  isBucketId(value: string): boolean;
  apply(patch: SettingsPatch): Promise<CommandResult<Settings>>;
}

const PROBLEM = 'Use an https address from the web app with {id} where the bucket’s id goes, or the address of one of your buckets’ pages.';

/**
 * "Open in the web app" needs the address of a bucket's page, which the platform does not
 * document: the user pastes one (any bucket of theirs), and the id in it becomes `{id}`.
 */
export function WebAppSettings({ value, isBucketId, apply }: WebAppSettingsProps) {
  const [draft, setDraft] = useState(value);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const trimmed = draft.trim();

  async function submit(event: Event) {
    event.preventDefault();
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
          Open one of your buckets in the Flashback web app and paste its address here. Each row then gets a “Web app” link (key O).
        </p>
        {problem ? (
          <p class="form-error" role="alert">
            {problem}
          </p>
        ) : null}
        <button type="submit" disabled={trimmed === value}>
          {trimmed === '' && value !== '' ? 'Remove the web app link' : 'Save web app address'}
        </button>
      </form>
    </fieldset>
  );
}
