import { describe, expect, it } from 'vitest';
import { syntheticResults, withScenarios } from '../test-support/synthetic-results.ts';
import { renderTerminalSummary, TERMINAL_WIDTH } from './render-terminal.ts';

const ANSI = /\x1b\[[0-9;]*m/g;
const files = ['reports/synthetic-run/results.json', 'reports/synthetic-run/results.md'];

function overlong(text: string): string[] {
  return text.replace(ANSI, '').split('\n').filter((line) => line.length > TERMINAL_WIDTH || /\s$/.test(line));
}

describe('renderTerminalSummary', () => {
  it('fits 100 columns, with no trailing spaces, with and without colour', () => {
    for (const color of [true, false]) expect(overlong(renderTerminalSummary(syntheticResults(), { color, files }))).toEqual([]);
  });

  it('fits 100 columns with comparison ids longer than a line, and keeps them whole', () => {
    const base = syntheticResults();
    const longId = `a-comparison-whose-id-is-${'very-'.repeat(25)}long`;
    const renamed = withScenarios(base, base.scenarios.map((s) => (s.comparison === 'orders-with-items' ? { ...s, comparison: longId } : s)));
    const text = renderTerminalSummary(renamed, { color: false, files });
    expect(overlong(text)).toEqual([]);
    expect(text.replace(/\n\s*/g, '')).toContain(longId);
  });

  it('shows per comparison the headline ratio with its interval, the verdict and its reason, flags and the report paths', () => {
    const results = syntheticResults();
    const text = renderTerminalSummary(results, { color: false, files });
    for (const summary of results.comparisons) {
      const lines = text.split('\n');
      const at = lines.findIndex((l) => l.trimStart().startsWith(summary.comparison));
      const line = lines[at] ?? '';
      // a ratio too wide for its column (a capacity bound) follows on the next line
      expect(line.includes('↓') ? lines[at + 1] : line).toMatch(/\d×.*\[.*×–.*×\]/);
      expect(line).toContain(summary.verdict);
      expect(text.replace(/\n\s+/g, ' ')).toContain(summary.verdictReason);
    }
    expect(text).toContain('generator saturated');
    for (const file of files) expect(text).toContain(file);
    expect(text).not.toMatch(ANSI);
    expect(text).not.toContain('|');
  });

  it('colours only when asked', () => {
    expect(renderTerminalSummary(syntheticResults(), { color: true })).toMatch(ANSI);
  });
});
