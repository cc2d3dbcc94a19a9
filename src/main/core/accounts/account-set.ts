import { accountEmail, MAX_ACCOUNTS, splitBucketKey, type SavedAccount } from '../../../shared/accounts';
import type { Settings } from '../../../shared/contract';
import { AccountRuntime, type AccountDeps } from './account-runtime';
import { AccountStatePublisher } from './account-state';
import { KeychainJanitor } from './keychain-janitor';
import { ApiFailure } from '../api/api-errors';
import type { ParsedBucket } from '../api/bucket-schema';
import type { PauseReason } from '../sync/bucket-sync';
import { CommandRefused } from '../commands/command-router';
import { cancelledSignIn } from '../session/second-step';
import type { StateStore } from '../view/state-store';
import { Lifetime } from '../platform/lifetime';

interface AccountSetOptions extends Omit<AccountDeps, 'changed'> {
  store: StateStore;
  /** The saved accounts changed (added, removed, email learnt): save them. */
  saveAccounts(accounts: SavedAccount[]): void;
  /** A sentence the user should read (a keychain that refused to delete). */
  tell(message: string): void;
  /** An account was removed: its status history goes with it. */
  forgetHistory(historyKey: string): void;
  /** A new account id (`acc-` and lowercase letters or digits); default: random. */
  newId?: () => string;
}

export function randomAccountId(): string {
  return `acc-${globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

const NOT_THERE = () => new CommandRefused('UNKNOWN_ACCOUNT', 'That account is not in this app any more.');
const throwNotThere = (): never => {
  throw NOT_THERE();
};
const keychainRefused = (who: string) =>
  `The system keychain refused to delete the saved sign-in of ${who} (it may be locked, or access was denied). Flashback Tray tries again every minute and at the next start; until then the sign-in stays in the keychain.`;

/**
 * Every account, all alike, merged into the app's state: each one's buckets in one list
 * (keyed by account, see shared/accounts.ts), every workspace, a summary per account, and the
 * current account's sign-in and sync at the top level. An account being added is a draft:
 * not an account (not listed, saved, polled or current) until its sign-in succeeds; every
 * sign-in command names its account or its draft, and an abandoned draft leaves nothing.
 */
export class AccountSet {
  runtimes: AccountRuntime[] = [];
  current: AccountRuntime | undefined;
  draft: AccountRuntime | undefined;
  readonly pauseReasons = new Set<PauseReason>();
  private readonly lifetime = new Lifetime();
  private readonly deps: AccountDeps;
  private readonly janitor: KeychainJanitor;
  private readonly published: AccountStatePublisher;

  constructor(private readonly options: AccountSetOptions) {
    this.deps = { ...options, changed: (_account, quiet) => this.published.publish(quiet) };
    this.janitor = new KeychainJanitor(options.keychain, options.clock, options.log, () => this.published.publish());
    this.published = new AccountStatePublisher(options.store, this);
  }

  find(id: string): AccountRuntime | undefined {
    return this.runtimes.find((runtime) => runtime.id === id);
  }

  /** Restores every saved sign-in at once (after removing keychain entries no account owns, when `sweep`). */
  async start(settings: Settings, { sweep }: { sweep: boolean }): Promise<void> {
    const signal = this.lifetime.signal;
    this.runtimes = settings.accounts.map((saved) => this.create(saved));
    if (sweep) await this.janitor.sweep(new Set(this.runtimes.map((runtime) => runtime.keychainKey)));
    await Promise.all(this.runtimes.map((runtime) => runtime.session.restore()));
    if (signal.aborted) return;
    this.published.starting = false;
    // The account the list showed last time, if it is still one; else the first with a sign-in.
    const shown = settings.shownAccount === null ? undefined : this.find(settings.shownAccount);
    this.current = shown && shown.part.auth.kind !== 'signed-out' ? shown : this.fallback();
    this.published.publish();
    for (const runtime of this.runtimes) runtime.startIfSignedIn();
  }

  /** Adds an account as a draft and signs it in; a second step, if due, goes on with the draft (its id is returned). */
  async add(apiBaseUrl: string, email: string, password: string): Promise<string> {
    const origin = new URL(apiBaseUrl).origin;
    const taken = this.runtimes.find((runtime) => new URL(runtime.apiBaseUrl).origin === origin && runtime.email?.toLowerCase() === email.toLowerCase() && runtime.part.auth.kind !== 'signed-out');
    if (taken) throw new CommandRefused('ACCOUNT_EXISTS', `${email} on ${new URL(apiBaseUrl).host} is already added.`);
    const draft = this.newDraft(apiBaseUrl);
    await this.step(draft, () => draft.session.signIn(email, password));
    return draft.id;
  }

  /** Adds an account on `apiBaseUrl` with a pasted access token, checked against that server. */
  async addWithToken(apiBaseUrl: string, token: string): Promise<string> {
    const draft = this.newDraft(apiBaseUrl);
    await this.tokenSignIn(draft, token);
    return draft.id;
  }

  async signIn(target: string, email: string, password: string): Promise<void> {
    const runtime = this.target(target);
    await this.step(runtime, () => runtime.session.signIn(email, password));
  }

  async verifyMfa(target: string, ...args: Parameters<AccountRuntime['session']['verifyMfa']>): Promise<void> {
    const runtime = this.target(target);
    await this.step(runtime, () => runtime.session.verifyMfa(...args));
  }

  sendMagicLink = (target: string): Promise<void> => this.target(target).session.sendMagicLink();
  signInWithToken = (target: string, token: string): Promise<void> => this.tokenSignIn(this.target(target), token);

  /** Back, Cancel or "Use a different account" on a second step: a draft leaves nothing, an account is signed out. */
  async cancelSignIn(target: string): Promise<void> {
    if (this.draft?.id === target) return this.dropDraft(this.draft);
    const runtime = this.target(target);
    if (runtime.part.auth.kind === 'mfa-required' || runtime.part.auth.kind === 'signing-in') await this.signOut(target);
  }

  use(id: string): void {
    this.setCurrent(this.find(id) ?? throwNotThere());
  }

  /** Signs out and keeps the account listed (to sign in again); its keychain entry goes, or is retried until it does. */
  async signOut(id: string): Promise<void> {
    const runtime = this.find(id);
    if (!runtime) throw NOT_THERE();
    runtime.sync.stop();
    const deleted = await runtime.session.signOut();
    runtime.clear();
    if (!deleted) this.keychainRefused(runtime);
    // The list goes on with an account that is signed in, when there is one.
    if (this.current === runtime) this.setCurrent(this.fallback());
    else this.published.publish();
  }

  /** Forgets an account, any of them: its buckets, keychain entry and history go; the others are untouched. */
  async remove(id: string): Promise<void> {
    if (this.draft?.id === id) return this.dropDraft(this.draft);
    const runtime = this.find(id);
    if (!runtime) throw NOT_THERE();
    runtime.sync.stop();
    runtime.close();
    this.runtimes = this.runtimes.filter((other) => other !== runtime);
    this.saveAccounts();
    if (this.current === runtime) this.setCurrent(this.fallback());
    else this.published.publish();
    const deleted = await runtime.session.signOut();
    runtime.dispose();
    this.options.forgetHistory(runtime.historyKey);
    if (!deleted) this.keychainRefused(runtime);
  }

  /** Every signed-in account at once. */
  async refreshAll(): Promise<'done' | 'rate-limited'> {
    const active = this.runtimes.filter((runtime) => runtime.session.isSignedIn);
    if (active.length === 0) throw new ApiFailure('auth', 'Sign in to see your buckets.');
    const results = await Promise.all(active.map((runtime) => runtime.refreshNow()));
    return results.some((result) => result.kind === 'rate-limited') ? 'rate-limited' : 'done';
  }

  /** Sleep, lock or offline: every account waits; with no account, the sync line says so. */
  pause(reason: PauseReason, paused = true): void {
    if (paused) this.pauseReasons.add(reason);
    else this.pauseReasons.delete(reason);
    for (const runtime of this.runtimes) (paused ? runtime.sync.pause(reason) : runtime.sync.resume(reason));
    if (!this.current) this.published.publish();
  }

  setIntervalMs = (intervalMs: number): void => this.runtimes.forEach((runtime) => runtime.sync.setIntervalMs(intervalMs));

  /** The workspace filter changed: every signed-in account lists afresh (the old list stays until then). */
  workspaceChanged(): void {
    for (const runtime of this.runtimes) {
      if (!runtime.session.isSignedIn) continue;
      runtime.sync.forgetBaseline();
      runtime.sync.start();
    }
  }

  /** A bucket key's account and bucket id (see shared/accounts.ts); undefined when no account has it. */
  resolve(key: string): { runtime: AccountRuntime; id: string } | undefined {
    const parts = splitBucketKey(key);
    const runtime = parts && this.find(parts.account);
    return runtime && parts ? { runtime, id: parts.id } : undefined;
  }

  dispose(): void {
    this.lifetime.end();
    this.janitor.dispose();
    if (this.draft) void this.dropDraft(this.draft);
    for (const runtime of this.runtimes) runtime.dispose();
  }

  /** Runs a sign-in step of an account or a draft; a draft that succeeds becomes an account, one that fails is dropped. */
  private async step(runtime: AccountRuntime, run: () => Promise<unknown>, start = true): Promise<boolean> {
    try {
      await run();
    } catch (error) {
      if (runtime === this.draft && runtime.part.auth.kind !== 'mfa-required') await this.dropDraft(runtime);
      throw error;
    }
    if (this.lifetime.isEnded || !runtime.session.isSignedIn) return false;
    if (runtime === this.draft) this.promote(runtime, start);
    else if (this.runtimes.includes(runtime)) this.signedIn(runtime, start);
    else throw cancelledSignIn();
    return true;
  }

  /** Checks the token with one real request against the account's own server, and shows that list at once. */
  private async tokenSignIn(runtime: AccountRuntime, token: string): Promise<void> {
    const { workspaceId, pollIntervalSeconds } = this.options.settings();
    let buckets: ParsedBucket[] = [];
    const check = async () => {
      buckets = await runtime.session.signInWithToken(token, (candidate, signal) => runtime.client.getAvailableBuckets(candidate, { workspaceId, signal }));
    };
    if (!(await this.step(runtime, check, false))) return;
    runtime.adopt(buckets);
    runtime.sync.start({ firstPollInMs: pollIntervalSeconds * 1000 });
  }

  private promote(draft: AccountRuntime, start = true): void {
    this.draft = undefined;
    this.runtimes.push(draft);
    this.current = draft;
    this.signedIn(draft, start);
  }

  /** A sign-in of an account succeeded: its email is saved and it polls afresh. */
  private signedIn(runtime: AccountRuntime, start = true): void {
    this.janitor.keep(runtime.keychainKey);
    runtime.savedEmail = accountEmail(runtime.email ?? '');
    this.saveAccounts();
    if (start) {
      runtime.sync.reset();
      runtime.sync.start();
    }
    this.published.publish();
  }

  private keychainRefused(runtime: AccountRuntime): void {
    this.janitor.retryLater(runtime.keychainKey);
    this.options.tell(keychainRefused(runtime.email ?? new URL(runtime.apiBaseUrl).host));
  }

  private target(id: string): AccountRuntime {
    const runtime = this.draft?.id === id ? this.draft : this.find(id);
    if (!runtime) throw NOT_THERE();
    return runtime;
  }

  private newDraft(apiBaseUrl: string): AccountRuntime {
    if (this.runtimes.length >= MAX_ACCOUNTS) throw new CommandRefused('TOO_MANY_ACCOUNTS', `This app keeps at most ${MAX_ACCOUNTS} accounts. Remove one first.`);
    if (this.draft) void this.dropDraft(this.draft);
    const draft = this.create({ id: (this.options.newId ?? randomAccountId)(), apiBaseUrl, email: '' });
    this.draft = draft;
    this.published.publish();
    return draft;
  }

  /** Abandons a draft: nothing of it stays (a keychain entry written just now is deleted, in order, by its sign-out). */
  private async dropDraft(draft: AccountRuntime): Promise<void> {
    if (this.draft !== draft) return;
    this.draft = undefined;
    draft.close();
    this.published.publish();
    await draft.session.signOut();
    draft.dispose();
  }

  private create(saved: SavedAccount): AccountRuntime {
    const runtime = new AccountRuntime(saved.id, saved.apiBaseUrl, this.deps, saved.email);
    for (const reason of this.pauseReasons) runtime.sync.pause(reason);
    return runtime;
  }

  secretKept(runtime: AccountRuntime): boolean {
    return this.janitor.holds(runtime.keychainKey);
  }

  /** The account to show when none is chosen: the first with a sign-in (even an ended one), else the first. */
  private fallback(): AccountRuntime | undefined {
    return this.runtimes.find((runtime) => runtime.part.auth.kind === 'signed-in' || runtime.part.auth.kind === 'expired') ?? this.runtimes[0];
  }

  private setCurrent(runtime: AccountRuntime | undefined): void {
    this.current = runtime;
    this.published.publish();
  }

  private saveAccounts(): void {
    this.options.saveAccounts(this.runtimes.map((runtime) => runtime.saved));
  }

}
