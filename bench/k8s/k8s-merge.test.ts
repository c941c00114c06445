import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from 'citty';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../lib/paths.ts';
import { findK6 } from '../env/k6.ts';
import { readResults } from '../results/read-results.ts';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { startTestServer } from '../test-support/test-server.ts';
import { segmentFlags } from '../drivers/k6-segments.ts';
import mergeCommand from '../cli/merge.ts';
import { k8sBundle } from './k8s-bundle.ts';
import { SCRIPT } from './testrun-manifest.ts';

const k6Bin = (await findK6())?.bin ?? null;
const skip = requireOrSkip('k6', k6Bin !== null);

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/**
 * What a k6-operator runner pod runs (k6 run --quiet, its segment, the TestRun's arguments, its
 * instance tag), stdout and stderr into one file as the kubelet logs them: `kubectl logs <pod>`.
 */
async function runPod(args: string, index: number, pods: number, log: string): Promise<void> {
  const argv = args.split(/\s+/).map((a) => a.replace(/^BASE_URL=.*/, `BASE_URL=${server.baseUrl}`).replace(/^FIXTURES=.*/, `FIXTURES=${inject('fixturesPath')}`));
  const k6 = [k6Bin as string, 'run', '--quiet', '--address', '', ...segmentFlags(index, pods), ...argv, '--tag', `instance_id=${index + 1}`, join(projectRoot, SCRIPT)];
  // async: the API under test runs in this process, a blocking spawn would stall it
  await promisify(execFile)('sh', ['-c', '"$@" 2>&1 | cat > "$LOG"', 'pod', ...k6], { env: { ...process.env, LOG: log, K6_NO_USAGE_REPORT: 'true' } }).catch((error: { code?: number }) => {
    // 99: the pod's own thresholds, judged on its slice only, failed: a verdict, not a crash
    if (error.code !== 99) throw new Error(`pod ${index} failed: ${readFileSync(log, 'utf8').slice(-600)}`);
  });
}

describe.skipIf(skip)('perflab k8s → pods → perflab merge (real k6 standing in for the pods)', () => {
  it('merges every pod log of a TestRun into one results.json whose counts are the sum of the pods', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'perflab-k8s-'));
    const options = { only: ['product-detail-cache'], instances: 2, baseUrl: 'http://perflab-api:3000', rate: 60, durationSec: 2, warmupSec: 1, seed: 42, image: 'grafana/k6:1.8.1' };
    const bundle = k8sBundle(options, readFileSync(inject('fixturesPath'), 'utf8'), (p) => readFileSync(join(projectRoot, p), 'utf8'), projectRoot);
    const runDir = 'perflab-product-detail-cache-optimized';
    await mkdir(join(dir, runDir), { recursive: true });
    await writeFile(join(dir, 'configmap.json'), bundle['configmap.json'] as string);
    await writeFile(join(dir, runDir, 'testrun.json'), bundle[`${runDir}/testrun.json`] as string);
    const args = JSON.parse(bundle[`${runDir}/testrun.json`] as string).spec.arguments as string;
    const logPaths = [0, 1].map((i) => join(dir, runDir, `pod-${i}.csv`));
    await Promise.all(logPaths.map((log, i) => runPod(args, i, 2, log)));
    const logs = logPaths.map((log) => readFileSync(log, 'utf8'));
    const measured = logs.map((log) => log.split('\n').filter((l) => l.startsWith('http_reqs,') && l.includes(',measure,')).length);

    await runCommand(mergeCommand, { rawArgs: [dir] });
    const results = await readResults(join(dir, 'report', 'results.json'));
    expect(results.scenarios).toHaveLength(1);
    const run = results.scenarios[0]!;
    expect(run.succeeded + run.failed).toBe(measured[0]! + measured[1]!);
    expect(Math.abs(run.generator.deliveredRate - 60) / 60).toBeLessThan(0.05);
    expect(run.thresholds.map((t) => t.metric)).toEqual(['http_req_duration{scenario:measure}', 'http_req_failed{scenario:measure}']);
    expect(results.notices.join(' ')).toContain('k6-docs#102');
  }, 90_000);
});
