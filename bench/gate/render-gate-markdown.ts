import { escapeMarkdownCell as cell } from '../report/escape-text.ts';
import type { GateCheck, GateReport } from './gate-schema.ts';

const HEADLINE = { pass: '✅ perf gate: pass', regression: '❌ perf gate: regression', inconclusive: '⚠️ perf gate: could not decide' } as const;
const STATUS_WORD = { pass: 'pass', fail: '**FAIL**', inconclusive: 'inconclusive', 'not-compared': 'not compared' } as const;

/**
 * gate.md: the verdict first, then what was compared, then one table row per check
 * (failures first): baseline | candidate | change | interval | status | evidence. Plain
 * GitHub Markdown, so it fits $GITHUB_STEP_SUMMARY and a PR comment as is.
 */
export function renderGateMarkdown(report: GateReport): string {
  const order = { fail: 0, inconclusive: 1, 'not-compared': 2, pass: 3 } as const;
  const checks = [...report.checks].sort((a, b) => order[a.status] - order[b.status]);
  const side = (label: string, s: GateReport['baseline']) => `- ${label}: run \`${s.runId}\`${s.gitSha ? ` at \`${s.gitSha.slice(0, 12)}\`` : ''} from ${cell(s.source)}`;
  return [
    `## ${HEADLINE[report.verdict]}`,
    '',
    `${cell(report.summary)} (exit ${report.exitCode}).`,
    '',
    side('baseline', report.baseline),
    side('candidate', report.candidate),
    `- host: ${report.sameHost ? 'same fingerprint: absolute figures compared' : 'different fingerprints: absolute figures not compared'}; minimum effect ${Math.round(report.minEffect * 100)}%`,
    '',
    '| check | kind | baseline | candidate | change | 95% interval | status | evidence |',
    '|---|---|--:|--:|--:|--:|---|---|',
    ...checks.map(row),
    '',
    ...(report.notes.length > 0 ? ['**Notes**', '', ...report.notes.map((note) => `- ${cell(note)}`), ''] : []),
  ].join('\n');
}

function row(check: GateCheck): string {
  const figure = (value: number | null) => (value === null ? '—' : `${number(value)} ${check.unit === '×' ? '×' : cell(check.unit)}`.trim());
  const change = check.change === null ? '—' : check.kind === 'deterministic' || check.kind === 'slo' ? signed(check.change) : `${number(check.change)}×`;
  const interval = check.interval === null ? '—' : `${number(check.interval[0])}–${number(check.interval[1])}×`;
  return `| ${cell(check.name)} | ${check.kind} | ${figure(check.baseline)} | ${figure(check.candidate)} | ${change} | ${interval} | ${STATUS_WORD[check.status]} | ${cell(check.evidence)} |`;
}

function number(value: number): string {
  return String(Number(value.toPrecision(3)));
}

function signed(value: number): string {
  return value > 0 ? `+${number(value)}` : value === 0 ? '0' : number(value);
}
