/**
 * An error the user can fix: printed as one line (`perflab: <message>`) with no stack,
 * exit code 2. Anything else that escapes a command is printed as `perflab: failed: <message>`
 * (stack with PERFLAB_DEBUG=1) and also exits 2; either way the command's services are stopped first.
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
