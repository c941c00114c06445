import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from './render-html.ts';
import { which } from '../env/which.ts';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { syntheticResults } from '../test-support/synthetic-results.ts';

const run = promisify(execFile);
const chromium = which('chromium') ?? which('chromium-browser');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const SCREENSHOT = '/tmp/perflab-report.png';

describe.skipIf(requireOrSkip('chromium', chromium !== null))('report.html in headless Chromium', () => {
  // every verdict 'faster', so each summary bar is drawn in the verdict green the screenshot counts
  const synthetic = syntheticResults();
  const results = { ...synthetic, comparisons: synthetic.comparisons.map((summary) => ({ ...summary, verdict: 'faster' as const })) };
  let dir: string;
  let url: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'perflab-html-'));
    await writeFile(join(dir, 'report.html'), renderHtml(results));
    url = `file://${join(dir, 'report.html')}`;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** One Chromium per call, own profile dir, killed by execFile's timeout if it hangs; console messages go to stderr. */
  async function chromiumRun(profile: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
    return run(chromium as string, [...CHROMIUM_FLAGS, '--enable-logging=stderr', '--v=0', `--user-data-dir=${join(dir, profile)}`, ...args, url], {
      timeout: 45_000,
      killSignal: 'SIGKILL',
      maxBuffer: 16 * 1024 * 1024,
    });
  }

  it('draws every chart with no console message: the summary and five per comparison carry the rendered flag', async () => {
    const { stdout: dom, stderr } = await chromiumRun('dom', ['--virtual-time-budget=5000', '--dump-dom']);
    // Chromium logs every console call and uncaught error of the page as a CONSOLE line
    expect(stderr.split('\n').filter((line) => line.includes(':CONSOLE'))).toEqual([]);
    const charts = 1 + 5 * 2;
    expect(dom.match(/<body[^>]*>/)?.[0]).toContain(`data-charts-rendered="${charts}"`);
    const canvases = dom.match(/<canvas [^>]*>/g) ?? [];
    expect(canvases).toHaveLength(charts);
    for (const canvas of canvases) expect(canvas).toContain('data-rendered="true"');
    expect(canvases[0]).toContain('id="summary-chart"');
    // latency over time: throughput and p95 per second of each run, one chart each per comparison
    for (const index of [0, 1]) {
      expect(canvases.filter((canvas) => canvas.includes(`id="persecond-${index}"`) || canvas.includes(`id="p95persecond-${index}"`))).toHaveLength(2);
    }
  });

  it('shows the SLO banner naming the failed threshold and its measured value', async () => {
    const { stdout: dom } = await chromiumRun('banner', ['--virtual-time-budget=2000', '--dump-dom']);
    const banner = dom.match(/<div id="banner"[^>]*>([\s\S]*?)<\/div>/);
    expect(banner?.[0]).toContain('class="banner fail"');
    const text = banner?.[1]?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    expect(text).toBe('FAIL perflab: 1 of 4 SLOs failed — 2 comparisons: 2 faster orders-with-items · autocannon: http_req_failed rate&lt;0.01 (1% of requests) — measured 2% of requests in 1 of 3 runs');
  });

  it('paints the charts in a screenshot: the summary intervals, and the naive and optimized series colours', async () => {
    await chromiumRun('shot', ['--window-size=1280,2400', '--virtual-time-budget=5000', `--screenshot=${SCREENSHOT}`]);
    const image = PNG.sync.read(await readFile(SCREENSHOT));
    expect([image.width, image.height]).toEqual([1280, 2400]);
    let inked = 0;
    const series = { naive: 0, optimized: 0, interval: 0 };
    for (let offset = 0; offset < image.data.length; offset += 4) {
      const [r, g, b] = [image.data[offset] as number, image.data[offset + 1] as number, image.data[offset + 2] as number];
      if (r < 235 || g < 235 || b < 235) inked++;
      if (near(r, g, b, [0xc6, 0x28, 0x28])) series.naive++;
      if (near(r, g, b, [0x2e, 0x7d, 0x32])) series.optimized++;
      // 30% of the verdict green over white: the summary chart's interval bars (a page without the summary has ~300 such antialiased pixels, with it ~2,700)
      if (near(r, g, b, [192, 216, 193], 4)) series.interval++;
    }
    expect(inked / (image.width * image.height)).toBeGreaterThan(0.03);
    expect(series.naive).toBeGreaterThan(3_000);
    expect(series.optimized).toBeGreaterThan(3_000);
    expect(series.interval).toBeGreaterThan(1_500);
  });
});

function near(r: number, g: number, b: number, [R, G, B]: [number, number, number], tolerance = 24): boolean {
  return Math.abs(r - R) < tolerance && Math.abs(g - G) < tolerance && Math.abs(b - B) < tolerance;
}
