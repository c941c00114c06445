import type { DetectableEffect, FalsePositiveRate } from './study-figures.ts';

/** What one injected regression did to the gate. */
export interface InjectedOutcome {
  patch: string;
  exitCode: number;
  caught: boolean;
  failed: string[];
  error: string;
}

export interface GateStudy {
  runs: number;
  flags: readonly string[];
  seconds: number;
  falsePositives: FalsePositiveRate[];
  detectableEffects: DetectableEffect[];
  injected: InjectedOutcome[];
  failures: string[];
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
    '',
    '| check kind | minimum detectable effect (80% power), median | least sensitive check |',
    '|---|--:|---|',
    ...study.detectableEffects.map((d) => `| ${d.kind} | ${pct(d.medianEffect)} | ${pct(d.worstEffect)}: ${d.worstCheck} |`),
    '| deterministic | any rise (0 tolerance, same requests) | — |',
    '',
    '| injected regression | exit | caught | failed checks |',
    '|---|--:|---|---|',
    ...study.injected.map((i) => `| \`${i.patch}\` | ${i.exitCode} | ${i.caught ? 'yes' : 'no'} | ${i.failed.join('; ') || i.error || '—'} |`),
  ];
  if (study.failures.length > 0) lines.push('', `Gates that wrote no report: ${study.failures.join('; ')}`);
  return `${lines.join('\n')}\n`;
}
