import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/paths.ts';
import { microResults } from '../micro/micro-results.ts';
import { runMicro } from '../micro/run-micro.ts';
import { MICRO_SUITES } from '../micro/suites.ts';
import type { Results } from '../results/types.ts';
import { gateReportSchema } from './gate-schema.ts';

const run = promisify(execFile);
let dir = '';
let baseline: Results;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perflab-micro-gate-'));
  // a real, short run of the cursor suite (its task figures), plus one pair with a stated speedup
  const micro = await runMicro([await MICRO_SUITES.cursor!()], { timeMs: 20, warmupMs: 5, repeats: 3, minSamples: 10 });
  micro.pairs.push({ key: 'cursor/encode-vs-decode', suite: 'cursor', baseline: 'encode', candidate: 'decode', speedup: { estimate: 2, ci95: [1.8, 2.2], samples: 6, emptyPairs: 0, method: 't-mean-log-ratio' } });
  const now = new Date();
  baseline = microResults({ id: 'micro-base', startedAt: now, finishedAt: now, command: 'perflab micro --only cursor', quick: false, micro, notices: [] });
  const slower = structuredClone(baseline);
  slower.run.id = 'micro-slower';
  slower.micro!.pairs[0]!.speedup = { ...slower.micro!.pairs[0]!.speedup, estimate: 1.2, ci95: [1.1, 1.3] };
  await writeFile(join(dir, 'base.json'), JSON.stringify(baseline));
  await writeFile(join(dir, 'slower.json'), JSON.stringify(slower));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function gate(candidate: string, out: string) {
  const args = [join(projectRoot, 'bench/cli/bin.mjs'), 'gate', '--baseline', join(dir, 'base.json'), '--candidate', join(dir, candidate), '--out', join(dir, out)];
  const code = await run(process.execPath, args, { env: { ...process.env, NO_COLOR: '1' } }).then(() => 0, (e: { code: number }) => e.code);
  return { code, report: gateReportSchema.parse(JSON.parse(await readFile(join(dir, out, 'gate.json'), 'utf8'))) };
}

describe('perflab gate on perflab micro results', () => {
  it('a pair whose speedup fell from 2× to 1.2× fails as a relative check, named (exit 1)', async () => {
    const { code, report } = await gate('slower.json', 'slower');
    expect(code).toBe(1);
    const failed = report.checks.filter((c) => c.status === 'fail');
    expect(failed.map((c) => [c.name, c.kind])).toEqual([['micro speedup cursor/encode-vs-decode', 'relative']]);
    expect(failed[0]?.change).toBeCloseTo(0.6, 10);
    expect(report.notes.join(' ')).toContain('no statements per request (no deterministic check)');
  });

  it('A/A: the same document passes, task times compared on the same host', async () => {
    const { code, report } = await gate('base.json', 'same');
    expect(code).toBe(0);
    expect(report.checks.filter((c) => c.kind === 'absolute').map((c) => [c.name, c.status])).toEqual([
      ['micro mean time cursor/encode', 'pass'],
      ['micro mean time cursor/decode', 'pass'],
    ]);
  });
});
