/**
 * One line for the ways `listen()` fails that the user can fix (a port taken, a port or address
 * not allowed), or null for anything else. `portHint` names how to pick a free port where the
 * caller is (`--port 0`, `PORT=0`).
 */
export function listenErrorMessage(error: unknown, portHint: string): string | null {
  const e = error as NodeJS.ErrnoException & { port?: number; address?: string };
  if (typeof e !== 'object' || e === null || typeof e.code !== 'string' || e.syscall !== 'listen') return null;
  const where = `${e.address ?? 'the address'}:${e.port ?? '?'}`;
  switch (e.code) {
    case 'EADDRINUSE':
      return `cannot listen on ${where}: the port is already in use (stop what holds it, or use ${portHint} for any free port)`;
    case 'EACCES':
      return `cannot listen on ${where}: permission denied (ports below 1024 need privileges; use ${portHint} for any free port)`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${where}: no such address on this machine`;
    default:
      return null;
  }
}
