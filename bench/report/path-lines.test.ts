import { describe, expect, it } from 'vitest';
import { syntheticResults } from '../test-support/synthetic-results.ts';
import { breakPath, displayPath, pathLines } from './path-lines.ts';
import { renderTerminalSummary, TERMINAL_WIDTH } from './render-terminal.ts';

const NAMES = ['results.json', 'results.md', 'report.html', 'junit.xml'];
const cwd = '/home/someone/projects/with-a-rather-long-folder-name/and-another-level-below-it/perflab';
const under = NAMES.map((name) => `${cwd}/reports/20261130-221102/${name}`);
const elsewhere = NAMES.map((name) => `/var/lib/ci/builds/organisation-name/repository-name-that-is-long/artifacts/perflab-output-folder/20261130-221102/${name}`);

describe('report paths in the terminal', () => {
  it('are shown relative to the working directory when that is shorter, as given otherwise', () => {
    expect(displayPath(under[1]!, cwd)).toBe('reports/20261130-221102/results.md');
    expect(displayPath('/tmp/r/results.md', cwd)).toBe('/tmp/r/results.md');
    expect(displayPath('reports/x/results.md', cwd)).toBe('reports/x/results.md');
    expect(displayPath(under[1]!, null)).toBe(under[1]);
  });

  it('never exceed 100 columns: a long folder is broken after a slash and named once, its files under it', () => {
    const lines = pathLines(elsewhere, cwd, TERMINAL_WIDTH);
    expect(lines.filter((line) => line.length > TERMINAL_WIDTH)).toEqual([]);
    expect(lines.slice(-4)).toEqual(NAMES.map((name) => `    ${name}`));
    expect(lines.slice(0, -4).map((line) => line.trim()).join('')).toBe('/var/lib/ci/builds/organisation-name/repository-name-that-is-long/artifacts/perflab-output-folder/20261130-221102/');
    expect(breakPath(`/${'x'.repeat(250)}`, 100, '  ').every((line) => line.length <= 100)).toBe(true);
  });

  it('keep every line of the run summary within 100 columns, wherever the reports were written', () => {
    for (const files of [under, elsewhere]) {
      const text = renderTerminalSummary(syntheticResults(), { color: false, files, cwd });
      expect(text.split('\n').filter((line) => line.length > TERMINAL_WIDTH)).toEqual([]);
    }
    // the summary as it was: absolute paths one a line, 107 columns for the ones under cwd
    expect(`  ${under[0]}`.length).toBeGreaterThan(TERMINAL_WIDTH);
    expect(renderTerminalSummary(syntheticResults(), { color: false, files: under, cwd })).toContain('\n  reports/20261130-221102/report.html\n');
  });
});
