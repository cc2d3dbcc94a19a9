import type { AppState, Notice, SyncError } from '../../../shared/contract';
import { nextStep, relativeTime } from '../../../shared/format';

export interface BannerModel {
  tone: 'error' | 'warning' | 'info';
  text: string;
  action?: { label: string; run: 'sign-in' | 'refresh' | 'dismiss' | 'hide' };
  notice?: Notice;
  /** The account a "Sign in" is for, when it is not the current one. */
  account?: string;
}

/** The one banner worth showing now, most important first; with several accounts, a problem says whose it is. */
export function pickBanner(state: AppState, now: number): BannerModel | undefined {
  const { auth, sync } = state;
  const several = state.accounts.filter((account) => account.auth !== 'signed-out').length > 1;
  const whose = several ? `${state.accounts.find((account) => account.id === state.currentAccount)?.label ?? 'This account'}: ` : '';
  if (auth.kind === 'expired') return { tone: 'error', text: whose + auth.message, action: { label: 'Sign in', run: 'sign-in' } };
  if (auth.kind !== 'signed-in') return noticeBanner(state);
  const own = ownProblem(state, now);
  if (own) return sync.phase === 'offline' ? own : { ...own, text: whose + own.text };
  const other = state.accounts.find((account) => account.id !== state.currentAccount && account.problem !== undefined && account.auth !== 'signed-out');
  if (other) {
    const text = `${other.label}: ${other.problem}`;
    return other.auth === 'expired' ? { tone: 'error', text, action: { label: 'Sign in', run: 'sign-in' }, account: other.id } : { tone: 'warning', text, action: { label: 'Retry', run: 'refresh' } };
  }
  return quieterNews(state, now);
}

/** Whose problem a failed poll was, as Flashback's health check told (see SyncError.whose). */
const WHOSE: Record<NonNullable<SyncError['whose']> | 'unknown', string> = {
  flashback: 'Flashback is having problems. ',
  offline: 'This computer seems to be offline: not even Flashback’s health check gets through. ',
  refused: 'Flashback refused this request (it says it is well otherwise). ',
  unknown: '',
};

/** The current account's list: offline, or its last request failed. */
function ownProblem(state: AppState, now: number): BannerModel | undefined {
  const { sync } = state;
  const age = relativeTime(sync.lastSuccessAt, now);
  if (sync.phase === 'offline') {
    return { tone: 'warning', text: `You're offline${age ? `; this list is from ${age}` : ''}. It refreshes as soon as you're back online.` };
  }
  if (sync.error) {
    const kept = state.buckets.length > 0 && age ? ` Showing the list from ${age}.` : '';
    const text = `${WHOSE[sync.error.whose ?? 'unknown']}${sync.error.message}${kept} ${nextStep(sync.error, now)}`;
    // A rate limit forbids asking sooner, so there is nothing to retry by hand; a refused
    // sign-in (403: no permission, or a second step due) needs a new sign-in, not retries.
    if (sync.error.kind === 'rate-limited') return { tone: 'error', text };
    if (sync.error.kind === 'auth') return { tone: 'error', text, action: { label: 'Sign in again', run: 'sign-in' } };
    return { tone: 'error', text, action: { label: 'Retry', run: 'refresh' } };
  }
  return undefined;
}

/** The oldest notice (settings reset, a keychain that refused to delete), shown whatever the sign-in. */
function noticeBanner(state: AppState): BannerModel | undefined {
  const notice = state.notices[0];
  return notice ? { tone: notice.level === 'warning' ? 'warning' : 'info', text: notice.message, action: { label: 'Dismiss', run: 'dismiss' }, notice } : undefined;
}

/** Notices, a pause, a stale list, a sign-in kept in memory only. */
function quieterNews(state: AppState, now: number): BannerModel | undefined {
  const { auth, sync } = state;
  const age = relativeTime(sync.lastSuccessAt, now);
  const notice = noticeBanner(state);
  if (notice) return notice;
  if (sync.phase === 'paused') return { tone: 'info', text: `Updates are paused while the computer sleeps or is locked${age ? `; the list is from ${age}` : ''}.` };
  if (sync.stale) return { tone: 'warning', text: `This list may be out of date${age ? ` (from ${age})` : ''}.` };
  if (auth.kind === 'signed-in' && auth.storage === 'session-only') {
    return {
      tone: 'info',
      text: auth.storageProblem ?? 'Your sign-in is kept in memory only and will not survive a restart.',
      action: { label: 'Dismiss', run: 'hide' },
    };
  }
  return undefined;
}

export function Banner({ model, onAction }: { model: BannerModel; onAction(model: BannerModel): void }) {
  return (
    <div class={`banner banner-${model.tone}`} role={model.tone === 'error' ? 'alert' : 'status'}>
      <p>{model.text}</p>
      {model.action ? (
        <button type="button" class="banner-action" onClick={() => onAction(model)}>
          {model.action.label}
        </button>
      ) : null}
    </div>
  );
}
