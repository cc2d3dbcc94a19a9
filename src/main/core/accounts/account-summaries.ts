import type { AccountState } from '../../../shared/accounts';
import type { Workspace } from '../../../shared/contract';
import type { AccountRuntime } from './account-runtime';

const SECRET_KEPT = 'Not signed out yet: the system keychain refused to delete the saved sign-in. Flashback Tray tries again every minute.';

function hostOf(apiBaseUrl: string): string {
  return new URL(apiBaseUrl).host;
}

function summaryOf(runtime: AccountRuntime, label: string, secretKept: boolean): AccountState {
  const { auth, sync } = runtime.part;
  const state: AccountState = {
    id: runtime.id,
    label,
    apiBaseUrl: runtime.apiBaseUrl,
    auth: auth.kind,
    phase: sync.phase,
    stale: sync.stale,
  };
  const email = runtime.email;
  if (email !== undefined) state.email = email;
  const problem = secretKept ? SECRET_KEPT : auth.kind === 'expired' ? auth.message : sync.error?.message;
  if (problem !== undefined) state.problem = problem;
  if (secretKept) state.secretKept = true;
  return state;
}

function same(a: AccountState, b: AccountState): boolean {
  return (
    a.id === b.id &&
    a.label === b.label &&
    a.apiBaseUrl === b.apiBaseUrl &&
    a.email === b.email &&
    a.auth === b.auth &&
    a.phase === b.phase &&
    a.problem === b.problem &&
    a.stale === b.stale &&
    a.secretKept === b.secretKept
  );
}

/**
 * The accounts as the views see them, named by email (with the server's host when two share
 * one, or by the host alone before anyone signed in). Returns `previous` itself when nothing
 * a view shows changed, so a poll does not resend the accounts.
 */
export function accountSummaries(runtimes: readonly AccountRuntime[], previous: readonly AccountState[], secretKept: (runtime: AccountRuntime) => boolean): AccountState[] {
  const emails = runtimes.map((runtime) => runtime.email?.toLowerCase());
  const next = runtimes.map((runtime, index) => {
    const email = runtime.email;
    const shared = email !== undefined && emails.filter((other) => other === emails[index]).length > 1;
    const label = email === undefined ? hostOf(runtime.apiBaseUrl) : shared ? `${email} (${hostOf(runtime.apiBaseUrl)})` : email;
    const summary = summaryOf(runtime, label, secretKept(runtime));
    const before = previous[index];
    return before && same(before, summary) ? before : summary;
  });
  return next.length === previous.length && next.every((summary, index) => summary === previous[index]) ? (previous as AccountState[]) : next;
}

/** Every account's workspaces, each once (two accounts may share one). */
export function allWorkspaces(runtimes: readonly AccountRuntime[]): Workspace[] {
  const withAny = runtimes.filter((runtime) => runtime.part.workspaces.length > 0);
  if (withAny.length <= 1) return withAny[0]?.part.workspaces ?? [];
  const byId = new Map<string, Workspace>();
  for (const runtime of withAny) for (const workspace of runtime.part.workspaces) if (!byId.has(workspace.id)) byId.set(workspace.id, workspace);
  return [...byId.values()];
}
