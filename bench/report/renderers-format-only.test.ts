import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const here = new URL('./', import.meta.url);

describe('bench/report', () => {
  it('only formats what results.json stores: no production file imports the statistics', async () => {
    const files = (await readdir(here)).filter((name) => /\.(ts|js)$/.test(name) && !name.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(5);
    const offenders: string[] = [];
    for (const file of files) {
      const source = await readFile(new URL(file, here), 'utf8');
      if (/from '[^']*\/stats\//.test(source) || /\b(mergeHistograms|aggregateVariants|summarizeComparisons|bootstrapMedianRatio)\b/.test(source)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
