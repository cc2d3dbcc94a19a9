import { useState } from 'preact/hooks';
import { Confirm } from '../frame/Confirm';

interface ApiAddressSettingProps {
  value: string;
  /** " (demo@…)" with several accounts: whose address it is. */
  whose: string;
  /** Who is signed in there now (their sign-in ends when the address changes). */
  signedInAs: string | undefined;
  save(url: string): Promise<string | undefined>;
}

/** The first account's API address. Changing it signs that account out, so it asks first. */
export function ApiAddressSetting({ value, whose, signedInAs, save }: ApiAddressSettingProps) {
  const [draft, setDraft] = useState(value);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const next = draft.trim();
  async function use() {
    setConfirming(false);
    setProblem(await save(next));
  }
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (next === value) return;
        if (signedInAs !== undefined) setConfirming(true);
        else void use();
      }}
    >
      <label>
        Flashback API address{whose}
        <input type="url" value={draft} spellcheck={false} aria-invalid={problem ? true : undefined} onInput={(event) => setDraft((event.currentTarget as HTMLInputElement).value)} />
      </label>
      {problem ? (
        <p class="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      {confirming ? (
        <Confirm id="api-confirm" confirmLabel="Sign out and use it" onConfirm={() => void use()} onCancel={() => setConfirming(false)}>
          Using <bdi>{next}</bdi> signs you out{signedInAs ? ` of ${signedInAs}` : ''}. Your sign-in for the current address stays saved for when you switch back.
        </Confirm>
      ) : (
        <button type="submit" disabled={next === value}>
          Use this address
        </button>
      )}
    </form>
  );
}
