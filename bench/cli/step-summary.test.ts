import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendStepSummary } from './step-summary.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perflab-step-summary-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('appendStepSummary', () => {
  it('appends results.md to $GITHUB_STEP_SUMMARY, keeping what earlier steps wrote', async () => {
    const summary = join(dir, 'step-summary.md');
    const markdown = join(dir, 'results.md');
    await writeFile(summary, '# earlier step\n');
    await writeFile(markdown, '# perflab results\n');
    expect(await appendStepSummary({ GITHUB_STEP_SUMMARY: summary }, [join(dir, 'results.json'), markdown])).toBe(summary);
    expect(await readFile(summary, 'utf8')).toBe('# earlier step\n# perflab results\n\n');
  });

  it('does nothing outside GitHub Actions', async () => {
    expect(await appendStepSummary({}, [join(dir, 'results.md')])).toBeNull();
  });
});
