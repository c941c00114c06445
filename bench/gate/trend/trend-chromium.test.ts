import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { which } from '../../env/which.ts';
import { renderHtml } from '../../report/render-html.ts';
import { requireOrSkip } from '../../test-support/test-requirements.ts';
import { syntheticResults } from '../../test-support/synthetic-results.ts';
import { historyLine, type HistoryLine } from '../history.ts';
import { spliceTrend } from './add-trend.ts';
import { renderTrendSection, trendSeries } from './render-trend.ts';

const run = promisify(execFile);
const chromium = which('chromium') ?? which('chromium-browser');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const results = syntheticResults();
const current = historyLine(results);
/** Four earlier runs of the same host (INVENTED ratios), one of another host that must not be drawn. */
function history(): HistoryLine[] {
  const at = (id: string, factor: number, host = current.host): HistoryLine => ({ ...current, id, host, comparisons: current.comparisons.map((c) => ({ ...c, throughputRatio: c.throughputRatio === null ? null : c.throughputRatio * factor })) });
  return [at('r1', 0.8), at('r2', 0.9), at('other-host', 5, 'another machine'), at('r3', 1.1), at('r4', 1)];
}

describe('trendSeries', () => {
  it('keeps complete runs of the same host, scale and seed, oldest first', () => {
    const series = trendSeries(history(), current);
    expect(series.length).toBe(current.comparisons.length);
    expect(series[0]?.points.map((p) => p.id)).toEqual(['r1', 'r2', 'r3', 'r4']);
  });
  it('draws nothing without a comparable run', () => expect(renderTrendSection(trendSeries(history(), { ...current, host: 'nowhere' }))).toBe(''));
});

describe.skipIf(requireOrSkip('chromium', chromium !== null))('the trend in report.html, headless Chromium', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'perflab-trend-'));
    const section = renderTrendSection(trendSeries(history(), current));
    await writeFile(join(dir, 'report.html'), spliceTrend(renderHtml(results), section));
    await writeFile(join(dir, 'trend.html'), spliceTrend('<!doctype html><html><body style="margin:0;background:#fff"></body></html>', section));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const chromiumRun = (page: string, profile: string, args: string[]) =>
    run(chromium as string, [...FLAGS, '--enable-logging=stderr', '--v=0', `--user-data-dir=${join(dir, profile)}`, ...args, `file://${join(dir, page)}`], { timeout: 45_000, killSignal: 'SIGKILL', maxBuffer: 16 << 20 });

  it('report.html holds one trend chart per comparison, each with a point per run, and no console message', async () => {
    const { stdout: dom, stderr } = await chromiumRun('report.html', 'dom', ['--virtual-time-budget=5000', '--dump-dom']);
    expect(stderr.split('\n').filter((line) => line.includes(':CONSOLE'))).toEqual([]);
    const section = dom.match(/<section id="trend">[\s\S]*?<\/section>/)?.[0] ?? '';
    const charts = section.match(/<svg [^>]*class="trend"[^>]*>[\s\S]*?<\/svg>/g) ?? [];
    expect(charts).toHaveLength(current.comparisons.length);
    for (const chart of charts) expect(chart.match(/<circle /g)).toHaveLength(4);
    expect(dom.indexOf('<section id="trend">')).toBeLessThan(dom.indexOf('<section id="legend">'));
  });

  it('paints the lines: the trend blue covers pixels in a screenshot', async () => {
    const shot = join(dir, 'trend.png');
    await chromiumRun('trend.html', 'shot', ['--window-size=800,900', '--virtual-time-budget=2000', `--screenshot=${shot}`]);
    const image = PNG.sync.read(await readFile(shot));
    let blue = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      const [r, g, b] = [image.data[i] as number, image.data[i + 1] as number, image.data[i + 2] as number];
      if (Math.abs(r - 0x25) < 40 && Math.abs(g - 0x63) < 40 && Math.abs(b - 0xeb) < 40) blue++;
    }
    // a 320-px line of 2 px and 4 dots per chart: well over 500 pixels for two charts; none without the section
    expect(blue).toBeGreaterThan(500);
  });
});
