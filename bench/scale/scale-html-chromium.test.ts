import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { which } from '../env/which.ts';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { renderScaleHtml } from './render-scale-html.ts';
import { syntheticScaleReport } from './test-support/synthetic-scale.ts';

const run = promisify(execFile);
const chromium = which('chromium') ?? which('chromium-browser');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

describe.skipIf(requireOrSkip('chromium', chromium !== null))('scale.html in headless Chromium', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'perflab-scale-html-'));
    await writeFile(join(dir, 'scale.html'), renderScaleHtml(syntheticScaleReport()));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('draws the log–log chart of each comparison with no console message', async () => {
    const { stdout: dom, stderr } = await run(chromium as string, [...CHROMIUM_FLAGS, '--enable-logging=stderr', '--v=0', `--user-data-dir=${join(dir, 'profile')}`, '--virtual-time-budget=5000', '--dump-dom', `file://${join(dir, 'scale.html')}`], { timeout: 45_000, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 });
    expect(stderr.split('\n').filter((line) => line.includes(':CONSOLE'))).toEqual([]);
    expect(dom.match(/<body[^>]*>/)?.[0]).toContain('data-charts-rendered="1"');
    const canvases = dom.match(/<canvas [^>]*>/g) ?? [];
    expect(canvases).toHaveLength(1);
    expect(canvases[0]).toContain('data-rendered="true"');
  });
});
