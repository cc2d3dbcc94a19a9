import type { CommandName, CommandResult, Commands } from '../../../shared/contract';
import { isApiFailure } from '../api/api-errors';
import { validateCommandArgs } from './commands';
import type { Logger } from '../platform/logger';
import { SignInError } from '../session/sign-in-errors';

/** A command that cannot be done now, with the sentence that says why (shown as it is). */
export class CommandRefused extends Error {
  override readonly name = 'CommandRefused';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** One handler per command, typed by the contract: a missing one is a compile error. */
export type CommandHandlers = {
  [K in CommandName]: (...args: Commands[K]['args']) => Commands[K]['result'] | Promise<Commands[K]['result']>;
};

/**
 * Runs a command from a view: the arguments are validated as if an attacker sent them,
 * and every failure comes back as a value the view can show (never a throw, never a stack).
 */
export async function runCommand<K extends CommandName>(handlers: CommandHandlers, name: K, rawArgs: unknown, log: Logger): Promise<CommandResult<Commands[K]['result']>> {
  const validated = validateCommandArgs(name, rawArgs);
  if (!validated.ok) return { ok: false, error: { code: 'INVALID_ARGUMENT', message: validated.message } };
  try {
    const handler = handlers[name] as (...args: readonly unknown[]) => Commands[K]['result'] | Promise<Commands[K]['result']>;
    const value = await handler(...validated.args);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof SignInError || error instanceof CommandRefused) return { ok: false, error: { code: error.code, message: error.message } };
    if (isApiFailure(error)) return { ok: false, error: { code: error.kind, message: error.message } };
    log.error(`command ${name} failed`, error);
    return { ok: false, error: { code: 'UNEXPECTED', message: 'Something went wrong. Details are in the log.' } };
  }
}
