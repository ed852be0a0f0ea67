/** The simulated shell: public surface for the composition root and tests. */
export { createShell, type Shell, type ShellOptions } from './shell';
export { Vfs, VfsError, resolvePath, type Stat } from './vfs';
export type { CommandContext, CommandFn, Completer, ReadonlyFiles, ShellIO, ShellSession, Waiter, Completion } from './types';
export type { BuiltinContext, ShellApi } from './exec/context';
