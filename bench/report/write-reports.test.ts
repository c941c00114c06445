import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPORT_FORMATS, REPORT_RENDERERS, renderAll } from './render-all.ts';
import { renderHtml } from './render-html.ts';
import { renderMarkdown } from './render-markdown.ts';
import { ReportWriteError, writeReports } from './write-reports.ts';
import { readResults } from '../results/read-results.ts';
import { syntheticResults } from '../test-support/synthetic-results.ts';
import type { Results } from '../results/types.ts';

const good: Results = syntheticResults();
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'perflab-reports-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('renderAll', () => {
  it('renders every format of REPORT_RENDERERS, in its order, under its file name', () => {
    expect(renderAll(good).map(([file]) => file)).toEqual(REPORT_FORMATS.map((format) => REPORT_RENDERERS[format].file));
    expect(renderAll(good, ['junit'])).toEqual([['junit.xml', REPORT_RENDERERS.junit.render(good)]]);
  });
});

describe('writeReports', () => {
  it('writes results.json and every report, and reads back the same document', async () => {
    const dir = await tempDir();
    const written = await writeReports(dir, good);
    expect(written.map((path) => path.slice(dir.length + 1))).toEqual(['results.json', 'results.md', 'report.html', 'junit.xml']);
    expect((await readdir(dir)).sort()).toEqual(['junit.xml', 'report.html', 'results.json', 'results.md']);
    expect(await readResults(join(dir, 'results.json'))).toEqual(JSON.parse(JSON.stringify(good)));
  });

  it('renders the same reports from a results.json read back from disk as from the run in memory', async () => {
    const dir = await tempDir();
    await writeReports(dir, good);
    const fromDisk = await readResults(join(dir, 'results.json'));
    expect(renderAll(fromDisk)).toEqual(renderAll(good));
    for (const [file, content] of renderAll(good)) expect(await readFile(join(dir, file), 'utf8')).toBe(content);
  });

  it('formats the stored aggregates and never recomputes them from the scenario runs', async () => {
    const dir = await tempDir();
    await writeReports(dir, good);
    const stored = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as Results;
    const [first] = stored.variants;
    stored.variants[0] = { ...first!, throughput: 123_456, ceilingShare: 0.5, latencyMs: { ...first!.latencyMs, p95: 77.7 } };
    await writeFile(join(dir, 'results.json'), JSON.stringify(stored));
    const fromDisk = await readResults(join(dir, 'results.json'));
    const row = renderMarkdown(fromDisk)
      .split('\n')
      .find((line) => line.startsWith(`| ${first!.comparison} | ${first!.driver} `));
    expect(row?.split(' | ').slice(2, 4).map((cell) => cell.split(' → ')[0])).toEqual(['123,456', '77.7']);
    expect(renderHtml(fromDisk)).toMatch(/<td>123,456<\/td>(<td>[^<]*<\/td>){5}<td>50%<\/td>/);
  });

  it('writes only the formats asked for, and leaves results.json alone when told to', async () => {
    const dir = await tempDir();
    expect(await writeReports(dir, good, { formats: ['junit'], resultsJson: false })).toEqual([join(dir, 'junit.xml')]);
    expect(await readdir(dir)).toEqual(['junit.xml']);
  });

  it('writes nothing for an invalid document', async () => {
    const dir = join(await tempDir(), 'run');
    const broken = { ...good, notices: 'none' } as unknown as Results;
    await expect(writeReports(dir, broken)).rejects.toThrow('/notices must be array');
    await expect(readdir(dir)).rejects.toThrow(/ENOENT/);
  });

  it('names the path it cannot write, in one line', async () => {
    // root writes through any mode bits; sysfs refuses new directories to everyone
    const asRoot = process.getuid?.() === 0;
    const parent = asRoot ? '/sys/perflab-no-such-dir' : await tempDir();
    if (!asRoot) await chmod(parent, 0o500);
    const target = join(parent, 'run');
    const error = await writeReports(target, good).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReportWriteError);
    expect((error as Error).message).toBe(`cannot write ${asRoot ? parent : target}: permission denied`);
  });

  it('names the path when a file is in the way', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'blocker'), '');
    const error = await writeReports(join(dir, 'blocker', 'run'), good).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReportWriteError);
    expect((error as Error).message).toMatch(/^cannot write .*blocker.*: a part of the path is a file, not a directory$/);
  });
});
