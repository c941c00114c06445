import { describe, expect, it } from 'vitest';
import { UsageError } from '../../lib/usage-error.ts';
import { catalogIds } from '../../scenarios/catalog.ts';
import runCommand from '../cli/run.ts';
import { parseRunOptions } from '../run/run-options.ts';
import { syntheticResults } from '../test-support/synthetic-results.ts';
import { validateResults } from '../results/validate-results.ts';
import type { Results } from '../results/types.ts';
import { AA_LABEL, AA_NOTICE } from './aa-mode.ts';
import { renderHtml } from './render-html.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderTerminalSummary } from './render-terminal.ts';

function aaResults(verdict: Results['comparisons'][number]['verdict'] = 'no-difference-shown'): Results {
  const results = syntheticResults();
  results.run.options.aa = true;
  results.notices.push(AA_NOTICE);
  for (const summary of results.comparisons) summary.verdict = verdict;
  return results;
}

describe('perflab run --aa', () => {
  it('is a flag of run, in --help, refused with --quick (no verdicts to check)', () => {
    expect(Object.keys(runCommand.args ?? {})).toContain('aa');
    expect(parseRunOptions({ aa: true }, catalogIds).aa).toBe(true);
    expect(parseRunOptions({}, catalogIds).aa).toBe(false);
    expect(() => parseRunOptions({ aa: true, quick: true }, catalogIds)).toThrow(UsageError);
  });

  it('is stored in results.json and accepted by its schema', () => {
    expect(validateResults(aaResults()).run.options.aa).toBe(true);
  });

  it('labels the terminal summary, results.md and report.html as an A/A run', () => {
    const results = aaResults();
    const terminal = renderTerminalSummary(results, { color: false });
    expect(terminal.split('\n')[0]).toContain(AA_LABEL);
    expect(terminal.replace(/\s+/g, ' ')).toContain('A/A: both sides run the optimized path — any verdict other than no-difference is a false positive');
    const markdown = renderMarkdown(results);
    expect(markdown.split('\n')[0]).toContain('perflab A/A run:');
    expect(markdown).toContain(`> **${AA_LABEL}** — ${AA_NOTICE}`);
    const html = renderHtml(results);
    expect(html).toMatch(/<p id="aa-mode"[^>]*><strong>A\/A run \(both sides optimized\)<\/strong> — A\/A: both sides run the optimized path/);
    expect(html).toContain('perflab A/A run:');
  });

  it('calls a faster or slower verdict of an A/A run a false positive, and says nothing of one without', () => {
    expect(renderTerminalSummary(aaResults('faster'), { color: false })).toContain("A/A false positive: both sides ran the optimized path, yet the verdict is 'faster'");
    expect(renderTerminalSummary(aaResults(), { color: false })).not.toContain('false positive:');
    const plain = syntheticResults();
    expect(renderTerminalSummary(plain, { color: false })).not.toContain('A/A');
    expect(renderMarkdown(plain)).not.toContain('A/A');
    expect(renderHtml(plain)).not.toContain('id="aa-mode"');
  });
});
