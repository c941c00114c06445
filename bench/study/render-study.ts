import type { DetectableEffect, FalsePositiveRate } from './study-figures.ts';

/** What one injected regression did to the gate. */
export interface InjectedOutcome {
  patch: string;
  exitCode: number;
  caught: boolean;
  failed: string[];
  error: string;
  seconds: number;
}

export interface GateStudy {
  runs: number;
  flags: readonly string[];
  seconds: number;
  /** Each A/A gate's exit code and wall time. */
  aaGates: { exitCode: number; seconds: number }[];
  falsePositives: FalsePositiveRate[];
  timingFalsePositives: { gates: number; gatesWithAFail: number; rate: number; checks: number; failedChecks: number };
  detectableEffects: DetectableEffect[];
  injected: InjectedOutcome[];
  failures: string[];
}

function exitCounts(gates: readonly { exitCode: number }[]): string {
  const counts = new Map<number, number>();
  for (const g of gates) counts.set(g.exitCode, (counts.get(g.exitCode) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => a - b).map(([code, n]) => `${n} × exit ${code}`).join(', ') || 'none';
}

function secondsRange(seconds: readonly number[]): string {
  if (seconds.length === 0) return '—';
  const sorted = [...seconds].sort((a, b) => a - b);
  return `median ${Math.round(sorted[Math.floor((sorted.length - 1) / 2)] as number)} s, ${Math.round(sorted[0] as number)}–${Math.round(sorted[sorted.length - 1] as number)} s`;
}

const pct = (share: number) => `${Number((share * 100).toPrecision(3))}%`;

/** The study as Markdown: scope first, then false positives per kind, detectable effects, injected regressions. */
export function renderStudy(study: GateStudy): string {
  const lines = [
    '## perflab gate study',
    '',
    `A/A: \`perflab gate --against HEAD ${study.flags.join(' ')}\` × ${study.runs} on a clean tree (${Math.round(study.seconds)} s in all, this host, under whatever load it had).`,
    '',
    '| check kind | A/A gates with a false fail | rate | failed checks / checks |',
    '|---|--:|--:|--:|',
    ...study.falsePositives.map((r) => `| ${r.kind} | ${r.gatesWithAFail} of ${r.gates} | ${pct(r.rate)} | ${r.failedChecks} / ${r.checks} |`),
    `| timing (relative or absolute) | ${study.timingFalsePositives.gatesWithAFail} of ${study.timingFalsePositives.gates} | ${pct(study.timingFalsePositives.rate)} | ${study.timingFalsePositives.failedChecks} / ${study.timingFalsePositives.checks} |`,
    '',
    `A/A exit codes: ${exitCounts(study.aaGates)}; wall time per gate: ${secondsRange(study.aaGates.map((g) => g.seconds))}.`,
    '',
    '| check kind | minimum detectable effect (80% power), median | least sensitive check |',
    '|---|--:|---|',
    ...study.detectableEffects.map((d) => `| ${d.kind} | ${pct(d.medianEffect)} | ${pct(d.worstEffect)}: ${d.worstCheck} |`),
    '| deterministic | any rise (0 tolerance, same requests) | — |',
    '',
    '| injected regression | exit | caught | wall time | failed checks |',
    '|---|--:|---|--:|---|',
    ...study.injected.map((i) => `| \`${i.patch}\` | ${i.exitCode} | ${i.caught ? 'yes' : 'no'} | ${Math.round(i.seconds)} s | ${i.failed.join('; ') || i.error || '—'} |`),
  ];
  if (study.failures.length > 0) lines.push('', `Gates that wrote no report: ${study.failures.join('; ')}`);
  return `${lines.join('\n')}\n`;
}
