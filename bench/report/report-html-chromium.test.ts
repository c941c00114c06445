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

describe.skipIf(requireOrSkip('chromium', chromium !== null))('report.html in headless Chromium', () => {
  let dir: string;
  let url: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'perflab-html-'));
    await writeFile(join(dir, 'report.html'), renderHtml(syntheticResults()));
    url = `file://${join(dir, 'report.html')}`;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** One Chromium per call, own profile dir, killed by execFile's timeout if it hangs. */
  async function chromiumRun(profile: string, args: string[]): Promise<string> {
    const { stdout } = await run(chromium as string, [...CHROMIUM_FLAGS, `--user-data-dir=${join(dir, profile)}`, ...args, url], {
      timeout: 45_000,
      killSignal: 'SIGKILL',
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  }

  it('draws every chart: each canvas and the page carry the rendered flag set after Chart.js drew', async () => {
    const dom = await chromiumRun('dom', ['--virtual-time-budget=5000', '--dump-dom']);
    const body = dom.match(/<body[^>]*>/)?.[0] ?? '';
    expect(body).toContain('data-charts-rendered="4"');
    const canvases = dom.match(/<canvas [^>]*>/g) ?? [];
    expect(canvases).toHaveLength(4);
    for (const canvas of canvases) expect(canvas).toContain('data-rendered="true"');
  });

  it('shows the charts in a screenshot: not blank, with the naive and optimized series colours', async () => {
    const png = join(dir, 'report.png');
    await chromiumRun('shot', ['--window-size=1280,2000', `--screenshot=${png}`]);
    const image = PNG.sync.read(await readFile(png));
    expect([image.width, image.height]).toEqual([1280, 2000]);
    let inked = 0;
    const series = { naive: 0, optimized: 0 };
    for (let offset = 0; offset < image.data.length; offset += 4) {
      const [r, g, b] = [image.data[offset] as number, image.data[offset + 1] as number, image.data[offset + 2] as number];
      if (r < 235 || g < 235 || b < 235) inked++;
      if (near(r, g, b, [0xc6, 0x28, 0x28])) series.naive++;
      if (near(r, g, b, [0x2e, 0x7d, 0x32])) series.optimized++;
    }
    expect(inked / (image.width * image.height)).toBeGreaterThan(0.03);
    // Bars are filled areas: thousands of pixels of each series colour mean the charts were painted.
    expect(series.naive).toBeGreaterThan(5_000);
    expect(series.optimized).toBeGreaterThan(5_000);
  });
});

function near(r: number, g: number, b: number, [R, G, B]: [number, number, number]): boolean {
  return Math.abs(r - R) < 24 && Math.abs(g - G) < 24 && Math.abs(b - B) < 24;
}
