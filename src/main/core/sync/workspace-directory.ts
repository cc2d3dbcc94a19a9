import type { Workspace } from '../../../shared/contract';
import { isApiFailure } from '../api/api-errors';
import type { Logger } from '../platform/logger';

/** `GET /workspace` runs on the first successful poll after sign-in, then on every Nth. */
const WORKSPACE_REFRESH_EVERY_POLLS = 10;

interface WorkspaceDirectoryOptions {
  fetch: (signal: AbortSignal) => Promise<Workspace[]>;
  onChange: (workspaces: Workspace[]) => void;
  log: Logger;
}

function same(a: readonly Workspace[], b: readonly Workspace[]): boolean {
  return a.length === b.length && a.every((workspace, index) => workspace.id === b[index]!.id && workspace.name === b[index]!.name);
}

/**
 * The names behind the workspace ids buckets carry. Cached: asked again only every Nth
 * poll, one request at a time; a failure keeps the last names.
 */
export class WorkspaceDirectory {
  private polls = 0;
  private inFlight = false;
  private known: Workspace[] = [];

  constructor(private readonly options: WorkspaceDirectoryOptions) {}

  /** A new account or sign-in: forget the names and ask on the next poll. */
  reset(): void {
    this.polls = 0;
    this.known = [];
  }

  afterSuccessfulPoll(signal: AbortSignal): void {
    const due = this.polls % WORKSPACE_REFRESH_EVERY_POLLS === 0;
    this.polls++;
    if (due && !this.inFlight) void this.load(signal);
  }

  private async load(signal: AbortSignal): Promise<void> {
    this.inFlight = true;
    try {
      const workspaces = await this.options.fetch(signal);
      if (signal.aborted) return;
      const sorted = [...workspaces].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
      if (same(sorted, this.known)) return;
      this.known = sorted;
      this.options.onChange(sorted);
    } catch (error) {
      if (!signal.aborted) this.options.log.info('workspace names could not be loaded; keeping the last ones', { kind: isApiFailure(error) ? error.kind : 'unknown' });
    } finally {
      this.inFlight = false;
    }
  }
}
