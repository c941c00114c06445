import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { appendHistory, historyPath, readHistory } from './history.ts';
import { cleanResults, withInjectedNPlusOne } from './test-support/gate-fixtures.ts';

const dir = await mkdtemp(join(tmpdir(), 'perflab-history-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

it('appends one summary line per run, never rewrites, and skips a corrupt line', async () => {
  const first = cleanResults();
  await appendHistory(dir, first);
  await appendFile(historyPath(dir), '{"id": broken\n');
  await appendHistory(dir, { ...withInjectedNPlusOne(first), run: { ...first.run, id: 'second' } });
  const { lines, unreadable } = await readHistory(dir);
  expect(unreadable).toBe(1);
  expect(lines.map((l) => l.id)).toEqual(['synthetic-run', 'second']);
  expect(lines[0]?.host).toBe('cpuModel=Synthetic CPU (test fixture) cpus=2 memory=8 GiB node=v20.0.0-synthetic postgres=17-synthetic cacheBackend=redis');
  expect(lines[1]?.comparisons[0]).toMatchObject({ comparison: 'orders-with-items', driver: 'autocannon', queriesPerRequest: { naive: 201, optimized: 51 } });
  expect(lines[0]?.comparisons[0]?.throughputRatio).toBeCloseTo(first.comparisons[0]!.throughputRatio.estimate!, 12);
});

it('an absent history is empty, not an error', async () => {
  expect(await readHistory(join(dir, 'none'))).toEqual({ lines: [], unreadable: 0 });
});
