import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { which } from '../env/which.ts';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { simulatedReport } from './simulated-report.ts';
import { writeCapacityReports } from './write-capacity-reports.ts';

const run = promisify(execFile);
const chromium = which('chromium') ?? which('chromium-browser');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** `data-series="label=points|…"` of a dumped canvas, as label → points laid out by Chart.js. */
function seriesOf(canvas: string): Map<string, number> {
  const raw = /data-series="([^"]*)"/.exec(canvas)?.[1] ?? '';
  const text = raw.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return new Map(text.split('|').filter(Boolean).map((entry) => [entry.slice(0, entry.lastIndexOf('=')), Number(entry.slice(entry.lastIndexOf('=') + 1))]));
}

describe.skipIf(requireOrSkip('chromium', chromium !== null))("a capacity run's report.html in headless Chromium", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'perflab-capacity-html-'));
    await writeCapacityReports(dir, await simulatedReport());
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('draws both charts with their data (USL over the sweep; p50/p95/p99 vs rate, SLO line, maxima) with no console message', async () => {
    const { stdout: dom, stderr } = await run(chromium as string, [...CHROMIUM_FLAGS, '--enable-logging=stderr', '--v=0', `--user-data-dir=${join(dir, 'profile')}`, '--virtual-time-budget=5000', '--dump-dom', `file://${join(dir, 'report.html')}`], { timeout: 45_000, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 });
    expect(stderr.split('\n').filter((line) => line.includes(':CONSOLE'))).toEqual([]);
    expect(dom.match(/<body[^>]*>/)?.[0]).toContain('data-charts-rendered="2"');
    const canvases = dom.match(/<canvas [^>]*>/g) ?? [];
    expect(canvases).toHaveLength(2);
    const [scaling, latency] = canvases.map(seriesOf) as [Map<string, number>, Map<string, number>];
    for (const variant of ['naive', 'optimized']) {
      // five sweep levels measured, the USL curve sampled at 60 points over them
      expect(scaling.get(`${variant} measured`)).toBe(5);
      expect([...scaling].find(([label]) => label.startsWith(`${variant} USL fit (R²`))?.[1]).toBe(60);
      for (const p of ['p50', 'p95', 'p99']) expect(latency.get(`${variant} ${p}`)).toBeGreaterThanOrEqual(3);
      expect([...latency].find(([label]) => label.startsWith(`${variant} maximum `))?.[1]).toBe(2);
    }
    expect(latency.get('SLO p95<100ms')).toBe(2);
  });
});
