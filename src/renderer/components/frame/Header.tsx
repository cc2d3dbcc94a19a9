import { useMemo } from 'preact/hooks';
import type { AccountState } from '../../../shared/accounts';
import type { AppState } from '../../../shared/contract';
import { AccountMenu } from './AccountMenu';
import { clockTime, countsParts, relativeTime } from '../../../shared/format';
import { listStats, statsCounts } from '../../../shared/list-stats';

interface HeaderProps {
  state: AppState;
  now: number;
  /** The accounts to choose from (see account-scope.ts), and the one the list shows (absent: all). */
  accounts: AccountState[];
  shownAccount: string | undefined;
  onShowAccount(accountId: string | null): void;
  onAddAccount(): void;
  onRefresh(): void;
  onSettings(): void;
  onInstallUpdate(): void;
  /** Absent in the detached window itself. */
  onDetach?: () => void;
  /** Opens (or closes) the recent changes across buckets; absent when signed out. */
  onRecent?: () => void;
  recentOpen?: boolean;
}

export function Header({ state, now, accounts, shownAccount, onShowAccount, onAddAccount, onRefresh, onSettings, onInstallUpdate, onDetach, onRecent, recentOpen }: HeaderProps) {
  const signedIn = state.auth.kind === 'signed-in' || state.auth.kind === 'expired';
  const updated = relativeTime(state.sync.lastSuccessAt, now);
  const busy = state.sync.inFlight;
  const pausedUntil = state.settings.notificationsPausedUntil;
  const paused = pausedUntil !== null && Date.parse(pausedUntil) > now;
  // The list's stats follow its patches (shared/list-stats.ts): no pass over 100,000 buckets per poll.
  const summary = useMemo(() => countsParts(statsCounts(listStats(state.buckets))), [state.buckets]);
  // No list yet: not "0 buckets" above "Loading your buckets…".
  const loading = !state.sync.lastSuccessAt && state.buckets.length === 0;
  return (
    <header class="header">
      <div class="header-text">
        <div class="header-title">
          <h1>Flashback</h1>
          {signedIn || accounts.length > 1 ? <AccountMenu accounts={accounts} shown={shownAccount} onShow={onShowAccount} onAdd={onAddAccount} /> : null}
        </div>
        {signedIn ? (
          // Each phrase stays whole ("updated 8 s ago" never breaks); lines break between them.
          <p class="header-status">
            {loading ? <span class="muted">Loading…</span> : summary.map((part, index) => (index ? [' ', <span key={part} class="phrase">{`· ${part}`}</span>] : <span key={part} class="phrase">{part}</span>))}
            {updated ? ' ' : null}
            {updated ? (
              <span class={`phrase ${state.sync.stale ? 'stale' : 'muted'}`}>
                {`· updated ${updated}${state.sync.stale ? ' (out of date)' : ''}`}
              </span>
            ) : null}
            {paused ? ' ' : null}
            {paused ? (
              <span class="phrase muted" title="Notifications are paused. Resume them from the tray menu or Settings.">
                {`· notifications paused until ${clockTime(pausedUntil, now)}`}
              </span>
            ) : null}
          </p>
        ) : null}
      </div>
      {state.update.kind === 'ready' ? (
        <button type="button" class="update-button" title="Quit and install the new version" onClick={onInstallUpdate}>
          Restart to update to v{state.update.version}
        </button>
      ) : null}
      {state.auth.kind === 'signed-in' ? (
        <button type="button" class="icon-button" aria-label={busy ? 'Refreshing…' : 'Refresh now'} title="Refresh (R)" aria-busy={busy} disabled={busy} onClick={onRefresh}>
          <span class={busy ? 'spinner' : 'refresh-icon'} aria-hidden="true">
            {busy ? '' : '↻'}
          </span>
        </button>
      ) : null}
      {onRecent && signedIn ? (
        <button type="button" class="icon-button" aria-label="Recent changes" aria-pressed={recentOpen ?? false} title="Recent changes across your buckets (C)" onClick={onRecent}>
          <svg aria-hidden="true" width="15" height="15" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linecap="round">
            <path d="M2.5 8a5.5 5.5 0 1 0 1.6-3.9" />
            <path d="M2.2 2.5v2.2h2.2" />
            <path d="M8 5v3.2l2.2 1.4" />
          </svg>
        </button>
      ) : null}
      {onDetach ? (
        <button type="button" class="icon-button" aria-label="Open in a window" title="Open in a window you can move and resize" onClick={onDetach}>
          {/* "Pop out": a window (its title bar drawn) with an arrow leaving it at the top right; not two squares (that reads as Copy). */}
          <svg aria-hidden="true" class="pop-out-icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linecap="round" stroke-linejoin="round">
            <path d="M7.5 3.25H3a1.25 1.25 0 0 0-1.25 1.25v8.5A1.25 1.25 0 0 0 3 14.25h8.5a1.25 1.25 0 0 0 1.25-1.25V8.5" />
            <path d="M1.75 6.25h4.5" />
            <path d="M7.25 8.75 14.25 1.75" />
            <path d="M9.75 1.75h4.5v4.5" />
          </svg>
        </button>
      ) : null}
      <button type="button" class="icon-button" aria-label="Settings" title="Settings (,)" onClick={onSettings}>
        <span aria-hidden="true">⚙</span>
      </button>
    </header>
  );
}
