/**
 * An error the user can fix: printed as one line (`perflab: <message>`) with no stack,
 * exit code 2. Anything else that escapes a command is a bug and exits 1 with its stack.
 */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
