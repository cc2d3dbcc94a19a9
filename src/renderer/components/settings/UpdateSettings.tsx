import type { UpdateState } from '../../../shared/contract';
import { clockTime } from '../../../shared/format';

interface UpdateSettingsProps {
  update: UpdateState;
  autoUpdate: boolean;
  now: number;
  setAutoUpdate(on: boolean): void;
  checkNow(): void;
  install(): void;
}

function statusText(update: UpdateState, now: number): string {
  switch (update.kind) {
    case 'idle':
      return '';
    case 'checking':
      return 'Checking for updates…';
    case 'up-to-date':
      return `Up to date (checked ${clockTime(update.checkedAt, now)}).`;
    case 'downloading':
      return `Version ${update.version} is downloading in the background.`;
    case 'ready':
      return `Version ${update.version} is ready.`;
    case 'unsupported':
      return update.reason;
    case 'error':
      return update.message;
  }
}

/** Settings → Updates: the automatic switch, "Check now" when it is off, and where things stand. */
export function UpdateSettings({ update, autoUpdate, now, setAutoUpdate, checkNow, install }: UpdateSettingsProps) {
  const unsupported = update.kind === 'unsupported';
  return (
    <fieldset>
      <legend>Updates</legend>
      <label class="check">
        <input type="checkbox" disabled={unsupported} checked={autoUpdate && !unsupported} onChange={(event) => setAutoUpdate((event.currentTarget as HTMLInputElement).checked)} />
        Check for updates automatically
      </label>
      <p class="muted small" role="status">
        {statusText(update, now)}
      </p>
      {update.kind === 'ready' ? (
        <button type="button" class="primary" onClick={install}>
          Restart to update to v{update.version}
        </button>
      ) : !autoUpdate && !unsupported ? (
        <button type="button" disabled={update.kind === 'checking'} onClick={checkNow}>
          Check now
        </button>
      ) : null}
    </fieldset>
  );
}
