import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanResults } from '../gate/test-support/gate-fixtures.ts';
import { parseBaselineSaveArgs, saveBaseline } from './baseline.ts';

const reports = await mkdtemp(join(tmpdir(), 'perflab-baseline-'));
afterAll(() => rm(reports, { recursive: true, force: true }));

async function writeRun(id: string, complete = true): Promise<void> {
  const results = cleanResults();
  await mkdir(join(reports, id), { recursive: true });
  await writeFile(join(reports, id, 'results.json'), JSON.stringify({ ...results, run: { ...results.run, id, complete } }));
}

describe('perflab baseline save', () => {
  it('keeps the newest run under reports/ as baselines/<name>.json', async () => {
    await writeRun('20261130-100000');
    await writeRun('20261130-120000');
    await mkdir(join(reports, 'baselines'), { recursive: true });
    const path = await saveBaseline(parseBaselineSaveArgs({ name: 'main', reports }));
    expect(path).toBe(join(reports, 'baselines', 'main.json'));
    expect(JSON.parse(await readFile(path, 'utf8')).run.id).toBe('20261130-120000');
  });

  it('--from picks a run; a partial run, a bad name and an empty reports dir are one-line usage errors', async () => {
    const path = await saveBaseline(parseBaselineSaveArgs({ name: 'old', from: join(reports, '20261130-100000', 'results.json'), reports }));
    expect(JSON.parse(await readFile(path, 'utf8')).run.id).toBe('20261130-100000');
    await writeRun('20261130-130000', false);
    await expect(saveBaseline(parseBaselineSaveArgs({ name: 'main', reports }))).rejects.toThrow(/20261130-130000\/results.json is a partial run/);
    expect(() => parseBaselineSaveArgs({ name: '../etc/passwd' })).toThrow("--name must be a file-safe name (letters, digits, . _ -; e.g. main), got '../etc/passwd'");
    await expect(saveBaseline({ name: 'main', from: null, reports: join(reports, 'empty') })).rejects.toThrow(/^no run under .*empty\/ to save/);
  });
});
