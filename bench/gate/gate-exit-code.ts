import type { GateVerdict } from './gate-schema.ts';

/** Exit codes of perflab gate: 2 is the usage error every command shares. */
export const GATE_EXIT = { pass: 0, regression: 1, usage: 2, inconclusive: 3 } as const;

/** What "could not decide" becomes: its own code by default, or pass/fail as CI chooses (`--inconclusive`). */
export type InconclusivePolicy = 'exit-3' | 'pass' | 'fail';

/** The process exit code for a verdict. */
export function gateExitCode(verdict: GateVerdict, inconclusive: InconclusivePolicy = 'exit-3'): number {
  if (verdict === 'pass') return GATE_EXIT.pass;
  if (verdict === 'regression') return GATE_EXIT.regression;
  return inconclusive === 'pass' ? GATE_EXIT.pass : inconclusive === 'fail' ? GATE_EXIT.regression : GATE_EXIT.inconclusive;
}
