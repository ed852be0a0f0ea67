/** How kubectl prints failures (cmdutil.CheckErr / StandardErrorMessage). */
import { ApiError } from '../core/errors';
import { ConnectionRefused } from '../client/local';
import { FlagError } from './flags';

/** A failure kubectl reports as `error: <message>` (exit 1). */
export class CmdError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    /** Print the message verbatim (no `error: ` prefix). */
    readonly raw = false,
    /** What the command had written to stdout before failing (printed first, on stdout). */
    readonly stdoutPart = '',
  ) {
    super(message);
  }
}

/** `Error from server (NotFound): …`, or `The Pod "x" is invalid: …` for 422. */
export function apiErrorText(e: ApiError): string {
  if (e.reason === 'Invalid' || e.code === 422) {
    const d = e.details;
    if (!d) return 'The request is invalid\n';
    const s = d.kind || d.name ? `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid` : 'The request is invalid';
    const causes = d.causes ?? [];
    if (causes.length === 0) return `${s}\n`;
    if (causes.length === 1) return `${s}: ${causes[0].field}: ${causes[0].message}\n`;
    return `${s}: \n${causes.map((c) => `* ${c.field}: ${c.message}\n`).join('')}`;
  }
  // StandardErrorMessage: a Status without a reason (e.g. an etcd error passed through) has none
  if (!e.reason && e.code === 500) return `Error from server: ${e.message}\n`;
  return `Error from server (${e.reason || 'InternalError'}): ${e.message}\n`;
}

/** The text kubectl prints for any error (ending in a newline). */
export function errorText(e: unknown, cmdPath = 'kubectl'): string {
  if (e instanceof ApiError) return apiErrorText(e);
  if (e instanceof ConnectionRefused) return `${e.message}\n`;
  if (e instanceof FlagError) return `Error: ${e.message}\nSee '${cmdPath} --help' for usage.\n`;
  if (e instanceof CmdError) return e.raw ? e.message : `error: ${e.message}\n`;
  return `error: ${e instanceof Error ? e.message : String(e)}\n`;
}

export function exitCodeOf(e: unknown): number {
  return e instanceof CmdError ? e.exitCode : 1;
}
