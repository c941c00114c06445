import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/paths.ts';
import { gateReportSchema } from '../gate/gate-schema.ts';
import { cleanResults, withInjectedNPlusOne } from '../gate/test-support/gate-fixtures.ts';
import { parseGateArgs } from './gate.ts';

const run = promisify(execFile);
let dir = '';
const path = (name: string) => join(dir, name);

/** `perflab gate …` as a user runs it: exit code, stdout, stderr. */
async function perflab(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(projectRoot, 'bench/cli/bin.mjs'), ...args], { env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perflab-gate-'));
  const clean = cleanResults();
  await writeFile(path('base.json'), JSON.stringify(clean));
  await writeFile(path('n-plus-one.json'), JSON.stringify(withInjectedNPlusOne(clean)));
  await writeFile(path('corrupt.json'), '{"schemaVersion": 3, "run": ');
  await writeFile(path('v2.json'), JSON.stringify({ ...clean, schemaVersion: 2 }));
  await writeFile(path('large.json'), JSON.stringify({ ...clean, dataset: { ...clean.dataset, scale: 'large' } }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('perflab gate', () => {
  it('A/A: a document against itself passes (exit 0) and writes gate.json, gate.md, gate-junit.xml', async () => {
    const result = await perflab('gate', '--baseline', path('base.json'), '--candidate', path('base.json'), '--out', path('aa'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('## ✅ perf gate: pass');
    const report = gateReportSchema.parse(JSON.parse(await readFile(path('aa/gate.json'), 'utf8')));
    expect(report.checks.every((c) => c.status === 'pass')).toBe(true);
    expect(await readFile(path('aa/gate-junit.xml'), 'utf8')).toContain('<testsuites name="perflab gate');
  });

  it('--deterministic-only fails an injected N+1 with exit 1, naming the comparison', async () => {
    const result = await perflab('gate', '--baseline', path('base.json'), '--candidate', path('n-plus-one.json'), '--deterministic-only', '--out', path('n1'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('regression: 1 of 4 checks failed (queries/request orders-with-items optimized (autocannon))');
  });

  it('--baseline-from-history gates a run against the median of the history (an N+1 fails, exit 1)', async () => {
    const reports = path('reports');
    const { appendHistory } = await import('../gate/history.ts');
    const clean = cleanResults();
    for (const id of ['h1', 'h2', 'h3']) await appendHistory(reports, { ...clean, run: { ...clean.run, id } });
    const result = await perflab('gate', '--baseline-from-history', '3', '--reports', reports, '--candidate', path('n-plus-one.json'), '--out', path('hist'));
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain('- baseline: run `median of 3 runs` from');
    expect(result.stdout).toContain('queries/request orders-with-items optimized (autocannon)');
  });

  it.each([
    ['a corrupt file', ['--candidate', 'corrupt.json'], /^perflab: candidate: .*corrupt\.json is not valid JSON: .*\n$/],
    ['another schema version', ['--candidate', 'v2.json'], /^perflab: candidate: .*v2\.json: results have schemaVersion 2, from an older perflab; this perflab reads schema version \d+ \(run the benchmark again\)\n$/],
    ['another scale', ['--candidate', 'large.json'], /^perflab: baseline and candidate served different data sets \(scale tiny\/seed 42 vs scale large\/seed 42\): run the candidate with --scale tiny --seed 42\n$/],
    ['a missing file', ['--candidate', 'nowhere.json'], /^perflab: candidate: cannot read .*nowhere\.json: no such file\n$/],
    ['--against with --baseline', ['--against', 'HEAD'], /^perflab: --against measures the base ref and the working tree itself: drop --baseline\n$/],
    ['a bad --inconclusive', ['--candidate', 'base.json', '--inconclusive', 'maybe'], /^perflab: --inconclusive must be one of exit-3, pass, fail, got 'maybe'\n$/],
  ])('%s: one line, exit 2', async (_, flags, message) => {
    const result = await perflab('gate', '--baseline', path('base.json'), ...flags.map((flag) => (flag.endsWith('.json') ? path(flag) : flag)));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('perflab gate --against', () => {
  it('a ref that does not exist: one line, exit 2, before anything starts', async () => {
    const result = await perflab('gate', '--against', 'no-such-branch-xyz', '--deterministic-only');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^perflab: --against no-such-branch-xyz: no such commit, branch or tag in .*\n$/);
  });

  it('refuses run flags without --against', () => {
    expect(() => parseGateArgs({ baseline: 'a.json', quick: true })).toThrow('--quick applies to --against only');
  });

  it('passes the run flags of --against to its rounds', () => {
    const options = parseGateArgs({ against: 'origin/main', only: 'orders-with-items', quick: true, scale: 'tiny', 'probe-requests': '2' });
    expect(options.against).toMatchObject({ ref: 'origin/main', probeRequests: 2, run: { only: ['orders-with-items'], quick: true, scale: 'tiny', repeat: 3, durationSec: 1, warmupSec: 1 } });
  });

  it('sizes --against rounds by its own presets (3 rounds at least: intervals), and lets the flags override them', () => {
    expect(parseGateArgs({ against: 'HEAD' }).against?.run).toMatchObject({ repeat: 4, durationSec: 2, warmupSec: 1 });
    expect(parseGateArgs({ against: 'HEAD', quick: true, repeat: '5', duration: '3', warmup: '0' }).against?.run).toMatchObject({ repeat: 5, durationSec: 3, warmupSec: 0 });
  });
});

describe('parseGateArgs', () => {
  it('needs --baseline and reads the defaults', () => {
    expect(() => parseGateArgs({})).toThrow('gate needs --baseline');
    expect(() => parseGateArgs({ baseline: 'a.json', 'baseline-from-history': '5' })).toThrow('give --baseline or --baseline-from-history, not both');
    expect(() => parseGateArgs({ 'baseline-from-history': '5' })).toThrow('--baseline-from-history needs --candidate');
    expect(parseGateArgs({ 'baseline-from-history': '5', candidate: 'b.json' })).toMatchObject({ baseline: null, fromHistory: 5, reports: 'reports' });
    expect(parseGateArgs({ baseline: 'a.json' })).toEqual({ baseline: 'a.json', fromHistory: null, reports: 'reports', candidate: null, deterministicOnly: false, inconclusive: 'exit-3', minEffect: 0.1, out: null, against: null });
    expect(parseGateArgs({ baseline: 'a.json', 'min-effect': '25', inconclusive: 'pass' })).toMatchObject({ minEffect: 0.25, inconclusive: 'pass' });
  });
});
