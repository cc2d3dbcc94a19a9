import type { AccountState } from '../../shared/accounts';
import type { AppState } from '../../shared/contract';

/** How rows name an account: in full for screen readers and tooltips, shortly on screen. */
export interface AccountName {
  label: string;
  /** The email's part before the @ when no other account shares it; the full label otherwise. */
  short: string;
}

interface AccountScope {
  /** The accounts a person chooses between: every one. */
  listed: AccountState[];
  /** The one account the list shows; absent: every account's buckets. */
  shown: string | undefined;
  /** Account id → name, when rows and groups should say whose they are (several accounts, all shown). */
  labels: ReadonlyMap<string, AccountName> | undefined;
  /** The ids of the shown accounts in order (for grouping per account), when labels are. */
  order: string[] | undefined;
}

/** What the list and the header need to know about accounts, from the state alone. */
export function accountScope(state: AppState): AccountScope {
  const listed = state.accounts;
  const wanted = state.settings.shownAccount;
  const shown = listed.length > 1 && listed.some((account) => account.id === wanted) ? (wanted ?? undefined) : undefined;
  const several = listed.length > 1 && shown === undefined;
  return {
    listed,
    shown,
    labels: several ? accountNames(listed) : undefined,
    order: several ? listed.map((account) => account.id) : undefined,
  };
}

/** A few words on an account's state, for menus and Settings. */
export function accountStatus(account: AccountState): string {
  if (account.secretKept) return 'signing out…';
  if (account.auth === 'expired') return 'sign in again';
  if (account.auth === 'signed-out') return 'signed out';
  if (account.auth !== 'signed-in') return 'signing in…';
  return account.phase === 'offline' ? 'offline' : account.problem ? 'problem' : 'signed in';
}

function accountNames(accounts: readonly AccountState[]): Map<string, AccountName> {
  const local = (account: AccountState) => (account.email ?? account.label).split('@')[0]!.toLowerCase();
  const counts = new Map<string, number>();
  for (const account of accounts) counts.set(local(account), (counts.get(local(account)) ?? 0) + 1);
  return new Map(
    accounts.map((account) => {
      const short = counts.get(local(account)) === 1 && account.email ? account.email.split('@')[0]! : account.label;
      return [account.id, { label: account.label, short }];
    }),
  );
}
