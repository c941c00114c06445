import type { ScalePoint, ScaleReport, VariantGrowth } from './scale-schema.ts';
import { formatSize } from './parse-sizes.ts';

/** scale.md: the growth per comparison first, then each variant's table of sizes. Formats only. */
export function renderScaleMarkdown(report: ScaleReport): string {
  const { run } = report;
  const sizes = report.sizes.map((s) => s.label).join(', ') || 'none';
  const lines = [
    `# Cost growth with data${run.complete ? '' : ' (partial: interrupted, completed sizes only)'}`,
    '',
    `Run ${run.id} · sizes ${sizes} (products = orders) · ${run.repeat} repeats × ${run.durationSec} s${run.quick ? ' · --quick' : ''}`,
    `Command: \`${run.command}\``,
    '',
    ...report.comparisons.map((c) => `- **${c.comparison}:** ${c.sentence}`),
    '',
    '| comparison | variant | p50 exponent | p50 per 100k rows | p95 exponent | p95 per 100k rows | growth (p50) |',
    '|---|---|---:|---:|---:|---:|---|',
    ...report.variants.map(summaryRow),
  ];
  for (const v of report.variants) lines.push('', ...variantTable(v));
  lines.push('', '## Data sets', '', '| size | run folder | products | orders | order_items |', '|---|---|---:|---:|---:|');
  for (const s of report.sizes) lines.push(`| ${s.label} | ${s.runDir} | ${count(s.dataset.products)} | ${count(s.dataset.orders)} | ${count(s.dataset.order_items)} |`);
  if (report.notices.length > 0) lines.push('', '## Notices', '', ...report.notices.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

function summaryRow(v: VariantGrowth): string {
  const exponent = (e: number | null | undefined) => (e === null || e === undefined ? '–' : e.toFixed(2));
  const per = (ms: number | undefined) => (ms === undefined ? '–' : `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(3)} ms`);
  return `| ${v.comparison} | ${v.variant}${v.driver === 'autocannon' ? '' : ` (${v.driver})`} | ${exponent(v.p50?.exponent)} | ${per(v.p50?.msPer100kRows)} | ${exponent(v.p95?.exponent)} | ${per(v.p95?.msPer100kRows)} | ${v.p50?.growth ?? '–'} |`;
}

function variantTable(v: VariantGrowth): string[] {
  return [
    `### ${v.comparison} · ${v.variant} (${v.driver})`,
    '',
    v.sentence,
    '',
    '| rows | p50 ms | p95 ms | req/s | queries/req | bytes/resp | failed |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...v.points.map(pointRow),
  ];
}

function pointRow(p: ScalePoint): string {
  const num = (x: number | null, digits: number) => (x === null ? '–' : x.toFixed(digits));
  return `| ${formatSize(p.rows)} | ${p.p50Ms.toFixed(2)} | ${p.p95Ms.toFixed(2)} | ${p.throughput.toFixed(0)} | ${num(p.queriesPerRequest, 1)} | ${num(p.bytesPerResponse, 0)} | ${p.failed} |`;
}

function count(n: number | undefined): string {
  return n === undefined ? '–' : n.toLocaleString('en-US');
}
