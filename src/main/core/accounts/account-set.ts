import { MAX_EXTRA_ACCOUNTS, PRIMARY_ACCOUNT, type SavedAccount } from '../../../shared/accounts';
import type { AppState, BucketView, Settings, SyncState } from '../../../shared/contract';
import { AccountRuntime, originOf, type AccountDeps } from './account-runtime';
import type { AccountSlice, SliceChange } from './account-slice';
import { accountSummaries, allWorkspaces } from './account-summaries';
import { ApiFailure } from '../api/api-errors';
import { INITIAL_SYNC, type PauseReason } from '../sync/bucket-sync';
import { CommandRefused } from '../commands/command-router';
import type { StateStore } from '../view/state-store';
import { Lifetime } from '../platform/lifetime';

interface AccountSetOptions extends Omit<AccountDeps, 'owner'> {
  store: StateStore;
  /** The accounts beyond the first changed (added, removed, email learnt): save them. */
  saveAccounts(accounts: SavedAccount[]): void;
  /** A new account id (`acc-` and lowercase letters or digits); default: random. */
  newId?: () => string;
}

function randomAccountId(): string {
  return `acc-${globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

type Fields = Partial<Omit<AppState, 'buckets'>>;

/**
 * Every account, merged into the app's state: each one's buckets in one list (keyed by
 * account, see shared/accounts.ts), every workspace, a summary per account, and the current
 * account's sign-in and sync at the top level, where the sign-in screens and the header read
 * them. An account being added is "pending" until its sign-in succeeds: it is current (its
 * second step shows), but not listed or saved, and dropped if the sign-in fails or is cancelled.
 */
export class AccountSet {
  private runtimes: AccountRuntime[] = [];
  private current: AccountRuntime;
  private pending: AccountRuntime | undefined;
  private beforePending: AccountRuntime | undefined;
  private readonly pauseReasons = new Set<PauseReason>();
  private starting = true;
  private readonly lifetime = new Lifetime();
  private readonly deps: AccountDeps;

  constructor(private readonly options: AccountSetOptions) {
    this.deps = {
      ...options,
      owner: { publish: (slice, change) => this.merge(slice, change), defer: (slice, sync) => this.defer(slice, sync) },
    };
    this.current = this.create(PRIMARY_ACCOUNT, options.settings().apiBaseUrl);
  }

  get primary(): AccountRuntime {
    return this.runtimes[0]!;
  }

  get currentRuntime(): AccountRuntime {
    return this.current;
  }

  /** The accounts a person has (the one being added is not one yet). */
  get listed(): AccountRuntime[] {
    return this.runtimes.filter((runtime) => runtime !== this.pending);
  }

  find(id: string): AccountRuntime | undefined {
    return this.runtimes.find((runtime) => runtime.id === id);
  }

  /** Restores every saved sign-in at once; the current account is chosen when all are known. */
  async start(settings: Settings): Promise<void> {
    this.primary.retarget(settings.apiBaseUrl);
    const signal = this.lifetime.signal;
    for (const saved of settings.accounts) this.create(saved.id, saved.apiBaseUrl, saved.email);
    await Promise.all(this.runtimes.map((runtime) => runtime.session.restore(runtime.keychainKey)));
    if (signal.aborted) return;
    this.starting = false;
    // The account the list showed last time, if it is still one; else the first with a sign-in.
    const shown = settings.shownAccount === null ? undefined : this.find(settings.shownAccount);
    this.current = shown && shown.slice.auth.kind !== 'signed-out' ? shown : this.fallback();
    this.publishCurrent();
    for (const runtime of this.runtimes) runtime.startIfSignedIn();
  }

  /** Signs in to one more account; the second step, if due, goes on with it as the current account. */
  async add(apiBaseUrl: string, email: string, password: string): Promise<void> {
    const origin = originOf(apiBaseUrl);
    const taken = this.listed.find((runtime) => originOf(runtime.apiBaseUrl) === origin && runtime.email?.toLowerCase() === email.toLowerCase() && runtime.slice.auth.kind !== 'signed-out');
    if (taken) throw new CommandRefused('ACCOUNT_EXISTS', `${email} on ${new URL(apiBaseUrl).host} is already added.`);
    if (this.listed.length > MAX_EXTRA_ACCOUNTS) throw new CommandRefused('TOO_MANY_ACCOUNTS', `This app keeps at most ${MAX_EXTRA_ACCOUNTS + 1} accounts. Remove one first.`);
    this.discardPending();
    this.beforePending = this.current;
    const runtime = this.create((this.options.newId ?? randomAccountId)(), apiBaseUrl, email);
    this.pending = runtime;
    this.setCurrent(runtime);
    try {
      await runtime.session.signIn(email, password);
    } catch (error) {
      if (this.pending === runtime) this.discardPending();
      throw error;
    }
    this.afterSignIn(runtime);
  }

  /** After a sign-in step of `runtime` ended: an added account is kept, and a signed-in one polls afresh. */
  afterSignIn(runtime: AccountRuntime): void {
    if (this.lifetime.isEnded || !runtime.session.isSignedIn || !this.runtimes.includes(runtime)) return;
    const email = runtime.email;
    if (runtime === this.pending) {
      this.pending = undefined;
      this.beforePending = undefined;
    }
    if (!runtime.isPrimary && email !== undefined) runtime.savedEmail = email;
    this.saveAccounts();
    runtime.sync.reset();
    runtime.sync.start();
    this.publishAccounts();
  }

  use(id: string): void {
    const runtime = this.find(id);
    if (!runtime || runtime === this.pending) throw new CommandRefused('UNKNOWN_ACCOUNT', 'That account is not in this app any more.');
    this.discardPending();
    this.setCurrent(runtime);
  }

  /**
   * Signs out of the account and forgets it: its keychain entry goes, its buckets leave the
   * list, and nothing else changes (the other accounts, the history, the settings). The first
   * account is only signed out: its address stays in Settings for the next sign-in.
   */
  async remove(id: string): Promise<void> {
    const runtime = this.find(id);
    if (!runtime) throw new CommandRefused('UNKNOWN_ACCOUNT', 'That account is not in this app any more.');
    if (runtime === this.pending) return this.discardPending();
    runtime.sync.stop();
    if (runtime.isPrimary) {
      await runtime.session.signOut();
      runtime.sync.reset();
      runtime.slice.update({ sync: INITIAL_SYNC });
      if (this.current === runtime) this.setCurrent(this.fallback());
      else this.publishAccounts();
      return;
    }
    runtime.sync.reset();
    runtime.slice.close();
    this.runtimes = this.runtimes.filter((other) => other !== runtime);
    this.saveAccounts();
    if (this.current === runtime) this.setCurrent(this.fallback());
    else this.publishAccounts();
    await runtime.session.signOut();
    runtime.dispose();
  }

  /** "Sign out" of the current account: the one being added is dropped, another one removed, the first signed out. */
  signOutCurrent(): Promise<void> {
    return this.remove(this.current.id);
  }

  /** Refreshes every signed-in account at once. */
  async refreshAll(): Promise<'done' | 'rate-limited'> {
    const active = this.listed.filter((runtime) => runtime.session.isSignedIn);
    if (active.length === 0) throw new ApiFailure('auth', 'Sign in to see your buckets.');
    const outcomes = await Promise.all(active.map((runtime) => runtime.sync.refreshNow()));
    return outcomes.includes('rate-limited') ? 'rate-limited' : 'done';
  }

  pause(reason: PauseReason): void {
    this.pauseReasons.add(reason);
    for (const runtime of this.runtimes) runtime.sync.pause(reason);
  }

  resume(reason: PauseReason): void {
    this.pauseReasons.delete(reason);
    for (const runtime of this.runtimes) runtime.sync.resume(reason);
  }

  setIntervalMs(intervalMs: number): void {
    for (const runtime of this.runtimes) runtime.sync.setIntervalMs(intervalMs);
  }

  /** A bucket key's account and bucket id (see shared/accounts.ts). */
  resolve(key: string): { runtime: AccountRuntime; id: string } {
    const slash = key.indexOf('/');
    const runtime = slash > 0 ? this.find(key.slice(0, slash)) : undefined;
    if (runtime && !runtime.isPrimary && runtime !== this.pending) return { runtime, id: key.slice(slash + 1) };
    return { runtime: this.primary, id: key };
  }

  labelOf(id: string): string | undefined {
    return this.options.store.state.accounts.find((account) => account.id === id)?.label;
  }

  dispose(): void {
    this.lifetime.end();
    for (const runtime of this.runtimes) runtime.dispose();
  }

  private create(id: string, apiBaseUrl: string, email?: string): AccountRuntime {
    const runtime = new AccountRuntime(id, apiBaseUrl, this.deps, email);
    for (const reason of this.pauseReasons) runtime.sync.pause(reason);
    this.runtimes.push(runtime);
    return runtime;
  }

  private discardPending(): void {
    const runtime = this.pending;
    if (!runtime) return;
    this.pending = undefined;
    this.runtimes = this.runtimes.filter((other) => other !== runtime);
    runtime.dispose();
    const back = this.beforePending && this.runtimes.includes(this.beforePending) ? this.beforePending : this.fallback();
    this.beforePending = undefined;
    this.setCurrent(back);
  }

  /** The account to show when none is chosen: the first with a sign-in (even an ended one), else the first. */
  private fallback(): AccountRuntime {
    const withSignIn = (runtime: AccountRuntime) => runtime.slice.auth.kind === 'signed-in' || runtime.slice.auth.kind === 'expired';
    return this.listed.find(withSignIn) ?? this.primary;
  }

  private setCurrent(runtime: AccountRuntime): void {
    this.current = runtime;
    this.publishCurrent();
  }

  private saveAccounts(): void {
    const saved: SavedAccount[] = [];
    for (const runtime of this.listed) {
      if (!runtime.isPrimary && runtime.savedEmail !== undefined) saved.push({ id: runtime.id, apiBaseUrl: runtime.apiBaseUrl, email: runtime.savedEmail });
    }
    this.options.saveAccounts(saved);
  }

  private publishCurrent(): void {
    if (this.starting) return;
    const { slice, id } = this.current;
    this.options.store.update({ auth: slice.auth, sync: slice.sync, currentAccount: id, accounts: accountSummaries(this.listed, this.options.store.state.accounts) });
  }

  private publishAccounts(): void {
    if (!this.starting) this.options.store.update({ accounts: accountSummaries(this.listed, this.options.store.state.accounts) });
  }

  private merge(slice: AccountSlice, change: SliceChange): void {
    const { store } = this.options;
    const fields: Fields = {};
    if (!this.starting) {
      if (slice === this.current.slice) {
        if (change.auth) fields.auth = change.auth;
        if (change.sync) fields.sync = change.sync;
      }
      if (change.auth || change.sync) fields.accounts = accountSummaries(this.listed, store.state.accounts);
    }
    if (change.workspaces) {
      const workspaces = allWorkspaces(this.runtimes);
      if (workspaces.length > 0 || store.state.workspaces.length > 0) fields.workspaces = workspaces;
    }
    store.update(fields, change.delta ? { views: this.allBuckets(), delta: change.delta } : undefined);
  }

  private defer(slice: AccountSlice, sync: SyncState): void {
    if (slice === this.current.slice && !this.starting) this.options.store.deferSync(sync);
  }

  /** One list: a single account's own array as it is (no copy), several accounts' one after another. */
  private allBuckets(): BucketView[] {
    const lists = this.runtimes.map((runtime) => runtime.slice.buckets).filter((list) => list.length > 0);
    if (lists.length <= 1) return (lists[0] ?? []) as BucketView[];
    return ([] as BucketView[]).concat(...lists);
  }
}
