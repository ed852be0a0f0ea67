/** Non-local exits inside the interpreter (never escape `run`). */

/** Base of break/continue/return/exit: builtins rethrow these instead of reporting them. */
export class ControlFlow extends Error {}

export class BreakSignal extends ControlFlow {
  constructor(readonly levels: number) {
    super('break');
  }
}

export class ContinueSignal extends ControlFlow {
  constructor(readonly levels: number) {
    super('continue');
  }
}

export class ReturnSignal extends ControlFlow {
  constructor(readonly status: number) {
    super('return');
  }
}

export class ExitSignal extends ControlFlow {
  constructor(readonly status: number) {
    super('exit');
  }
}

/** Ctrl-C: the line stops with status 130. */
export class Interrupted extends ControlFlow {
  constructor() {
    super('interrupted');
  }
}

/** An expansion failed (`${x:?}`, bad arithmetic): the message is printed, the command is skipped. */
export class ExpansionError extends Error {
  constructor(
    message: string,
    readonly status = 1,
    /** `${x:?}` and `set -u` failures: a non-interactive shell exits with 127 (bash does). */
    readonly unset = false,
  ) {
    super(message);
  }
}

/** After an expansion error was reported: the rest of the command line is abandoned (status kept). */
export class AbandonLine extends ControlFlow {
  constructor(readonly status: number) {
    super('abandon');
  }
}
