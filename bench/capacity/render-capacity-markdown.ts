import type { CapacityReport, CapacityVariant } from './capacity-schema.ts';
import { fmt } from './sizing.ts';

/** capacity.md: the answer per variant first, then how it was found. Formats only. */
export function renderCapacityMarkdown(report: CapacityReport): string {
  const { run } = report;
  const lines = [
    `# Capacity${run.complete ? '' : ' (partial: interrupted, completed steps only)'}`,
    '',
    `Run ${run.id} · ${run.driver} · headroom ${Math.round(run.headroom * 100)}%${run.quick ? ' · --quick' : ''}`,
    `Command: \`${run.command}\``,
    ...(run.target ? ['', `Target: ${run.target.formula}`] : []),
    '',
    '| comparison | variant | SLO | sustainable max (req/s) | interval | broke first | operating point | instances |',
    '|---|---|---|---:|---|---|---:|---:|',
    ...report.variants.map(summaryRow),
    '',
    ...report.comparisons.filter((c) => c.sentence).map((c) => `**${c.comparison}:** ${c.sentence}`),
  ];
  for (const v of report.variants) lines.push('', ...variantSection(v));
  lines.push('', '## Assumptions', '', ...report.assumptions.map((a) => `- ${a}`));
  if (report.notices.length > 0) lines.push('', '## Notices', '', ...report.notices.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

/** The headline of a variant's search, in words (only `found` is a maximum). */
export function outcomeWords(v: CapacityVariant): string {
  const o = v.outcome;
  if (!o) return 'interrupted before the search ended';
  if (o.kind === 'found') return `${fmt(o.maxRate)} req/s`;
  if (o.kind === 'not-reached') return `≥ ${fmt(o.lowerBound)} req/s (every step passed: the maximum is above the sweep)`;
  if (o.kind === 'generator-capped') return `not measured: the load generator, not the server, gave out at ${fmt(o.cappedAt)} req/s${o.lowerBound === null ? '' : ` (server ≥ ${fmt(o.lowerBound)} req/s)`}`;
  return `none: no rate held the SLO on every try (lowest tried ${fmt(o.lowestRate)} req/s)`;
}

function summaryRow(v: CapacityVariant): string {
  const o = v.outcome;
  const interval = o?.kind === 'found' ? `[${fmt(o.interval.low)}, ${fmt(o.interval.high)})` : '–';
  const broke = o && 'brokeFirst' in o ? o.brokeFirst : o?.kind === 'generator-capped' ? 'generator' : '–';
  const point = v.recommendedRate === null ? '–' : fmt(Math.round(v.recommendedRate));
  return `| ${v.comparison} | ${v.variant} | ${v.slo} | ${outcomeWords(v)} | ${interval} | ${broke} | ${point} | ${v.sizing ? v.sizing.instances : '–'} |`;
}

function variantSection(v: CapacityVariant): string[] {
  const out = [`## ${v.comparison} · ${v.variant}`, '', `Sustainable maximum within ${v.slo}, < 1% failures, ≥ 99% delivered: **${outcomeWords(v)}**.`];
  if (v.outcome && 'reasons' in v.outcome && v.outcome.reasons.length > 0) out.push(`What broke first: ${v.outcome.reasons.join('; ')}.`);
  if (v.sizing) {
    out.push('', `- ${v.sizing.formula}`);
    out.push(v.sizing.pool ? `- ${v.sizing.pool.formula}${v.sizing.pool.exceedsMaxConnections ? ' — **the fleet exceeds max_connections: add a pooler (PgBouncer) or shrink pools**' : ''}` : '- Pool: the server reported no database time, so no pool size is derived.');
  }
  out.push('', '| phase | offered | delivered | ok/s | p50 ms | p95 ms | p99 ms | failed | result |', '|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const s of v.steps) out.push(`| ${s.phase} | ${fmt(s.rate)} | ${fmt(Math.round(s.deliveredRate))} | ${fmt(Math.round(s.throughput))} | ${s.latencyMs.p50.toFixed(1)} | ${s.latencyMs.p95.toFixed(1)} | ${s.latencyMs.p99.toFixed(1)} | ${((s.failureRate ?? 0) * 100).toFixed(1)}% | ${s.passed ? 'pass' : s.reasons.join('; ')} |`);
  if (v.sweep.length > 0) {
    out.push('', 'Closed-model sweep (USL input; Little’s law N = X·R checked on each step):', '', '| N | X ok/s | mean ms | p95 ms | X·R | Little |', '|---:|---:|---:|---:|---:|---|');
    for (const p of v.sweep) out.push(`| ${p.concurrency} | ${fmt(Math.round(p.throughput))} | ${p.latencyMs.mean.toFixed(2)} | ${p.latencyMs.p95.toFixed(2)} | ${p.little.predicted.toFixed(2)} | ${p.little.holds ? 'holds' : `off by ${(p.little.deviation * 100).toFixed(0)}%`} |`);
  }
  if (v.usl) {
    const u = v.usl;
    out.push('', `USL: λ = ${fmt(u.lambda)} req/s, σ = ${u.sigma.toFixed(4)}, κ = ${u.kappa.toExponential(2)}, N* = ${u.peakConcurrency === null ? '∞' : u.peakConcurrency.toFixed(1)}, X_max = ${u.maxThroughput === null ? '–' : `${fmt(Math.round(u.maxThroughput))} req/s`}, R² = ${u.rSquared.toFixed(3)}.`);
    for (const w of u.warnings) out.push(`- ${w}`);
  } else if (v.uslProblem) out.push('', `USL: not fitted (${v.uslProblem}).`);
  return out;
}
