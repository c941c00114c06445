import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../lib/usage-error.ts';
import { parseReportArgs } from './report.ts';
import { syntheticResults } from '../test-support/synthetic-results.ts';

const BIN = join(import.meta.dirname, 'bin.mjs');

/** Runs the real CLI in its own process; never rejects, so exit codes can be asserted. */
async function perflab(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('parseReportArgs', () => {
  it('defaults to every report, written beside results.json', () => {
    expect(parseReportArgs({ _: ['reports/r1/results.json'] })).toEqual({ path: 'reports/r1/results.json', out: 'reports/r1', formats: ['md', 'html', 'junit'], stdout: false });
  });

  it('prints results.md for --stdout, or the one format asked for', () => {
    expect(parseReportArgs({ _: ['r.json'], stdout: true }).formats).toEqual(['md']);
    expect(parseReportArgs({ _: ['r.json'], stdout: true, format: 'junit' }).formats).toEqual(['junit']);
  });

  it.each([
    [{ _: [] }, 'report needs the path of a results.json'],
    [{ _: ['a.json', 'b.json'] }, 'report takes one results.json, got 2: a.json b.json'],
    [{ _: ['a.json'], format: 'pdf' }, "--format must be one of md, html, junit, all, got 'pdf'"],
    [{ _: ['a.json'], out: ' ' }, "--out must be a directory, got ' '"],
    [{ _: ['a.json'], out: 'x', stdout: true }, '--stdout prints instead of writing files'],
  ])('rejects %j', (args, message) => {
    expect(() => parseReportArgs(args)).toThrow(UsageError);
    expect(() => parseReportArgs(args)).toThrow(message);
  });
});

describe('perflab report', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'perflab-report-cli-'));
    await writeFile(join(dir, 'results.json'), JSON.stringify(syntheticResults()));
    // a v1 file: what perflab wrote before per-variant aggregates were stored
    const { variants: _variants, ...v1 } = syntheticResults();
    await writeFile(join(dir, 'old.json'), JSON.stringify({ ...v1, schemaVersion: 1 }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('re-renders every report beside results.json', async () => {
    const result = await perflab('report', join(dir, 'results.json'));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim().split('\n')).toEqual(['results.md', 'report.html', 'junit.xml'].map((name) => join(dir, name)));
    expect((await readdir(dir)).sort()).toEqual(['junit.xml', 'old.json', 'report.html', 'results.json', 'results.md']);
  });

  it('writes one format into --out, and prints results.md with --stdout', async () => {
    const out = join(dir, 'out');
    expect((await perflab('report', join(dir, 'results.json'), '--out', out, '--format', 'junit')).code).toBe(0);
    expect(await readdir(out)).toEqual(['junit.xml']);
    const printed = await perflab('report', join(dir, 'results.json'), '--stdout');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^# ❌ perflab: 1 of 4 SLOs failed — /);
  });

  it.each([
    [['missing.json'], /^perflab: cannot read .*missing\.json: no such file\n$/],
    [['old.json'], /^perflab: .*old\.json: results have schemaVersion 1, from an older perflab; this perflab reads schema version 4 \(run the benchmark again\)\n$/],
    [['results.json', '--format', 'pdf'], /^perflab: --format must be one of md, html, junit, all, got 'pdf'\n$/],
    [['results.json', '--formt', 'md'], /^perflab: unknown option '--formt': did you mean '--format'\?\n$/],
  ])('%j → one line on stderr, exit 2', async (args, expected) => {
    const [file, ...flags] = args as [string, ...string[]];
    const result = await perflab('report', join(dir, file), ...flags);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(expected);
    expect(result.stdout).toBe('');
  });
});
