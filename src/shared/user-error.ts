/**
 * A mistake the user can fix (bad input, missing file, wrong directory). The CLI prints its
 * message alone, without a stack trace, and exits with `exitCode`.
 */
export class UserError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}
