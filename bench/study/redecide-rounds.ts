import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sides } from '../gate/against/sides.ts';
import { againstTimingChecks } from '../gate/against/timing-checks.ts';
import { gateExitCode } from '../gate/gate-exit-code.ts';
import type { GateReport } from '../gate/gate-schema.ts';
import { summarize, verdictOf } from '../gate/run-gate.ts';
import { familyNote } from '../gate/timing-family.ts';
import type { Results } from '../results/types.ts';

const ROUND = /^perflab gate --against \(round (\d+), (base|candidate)\)$/;

/**
 * A stored `--against` gate decided again with the current timing rules: its rounds are read back
 * from `<reports>/gate-rounds/` (the round directories from its baseline run id on, until the next
 * gate's first round), the timing checks recomputed, its statement and SLO checks kept.
 */
export async function redecideGate(report: GateReport, roundsDir: string, quick: boolean): Promise<GateReport> {
  const names = (await readdir(roundsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const start = names.indexOf(report.baseline.runId);
  if (start < 0) throw new Error(`no round ${report.baseline.runId} in ${roundsDir}`);
  const rounds: Sides<Results[]> = { base: [], candidate: [] };
  for (const name of names.slice(start)) {
    const text = await readFile(join(roundsDir, name, 'results.json'), 'utf8').catch(() => null);
    if (text === null) continue;
    const results = JSON.parse(text) as Results;
    const match = ROUND.exec(results.run.command ?? '');
    if (!match) continue;
    const [round, side] = [Number(match[1]), match[2] as 'base' | 'candidate'];
    if (round === 1 && side === 'base' && rounds.base.length > 0) break;
    rounds[side].push(results);
  }
  const timing = againstTimingChecks(rounds, report.minEffect, quick);
  const checks = [...report.checks.filter((c) => c.kind === 'deterministic'), ...timing.checks, ...report.checks.filter((c) => c.kind === 'slo')];
  const verdict = verdictOf(checks);
  return { ...report, checks, verdict, exitCode: gateExitCode(verdict), summary: summarize(verdict, checks), notes: [...report.notes.filter((n) => !n.startsWith('Timing intervals')), familyNote(timing.family)] };
}
