import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Results } from '../results/types.ts';
import { hostFingerprintText } from './host-fingerprint.ts';

/** One line of reports/history.jsonl: what a run found, small enough to keep forever. */
export const historyLineSchema = z.strictObject({
  id: z.string(),
  startedAt: z.string(),
  gitSha: z.string().nullable(),
  host: z.string().describe('Host fingerprint (hostFingerprintText).'),
  scale: z.string(),
  seed: z.int(),
  complete: z.boolean(),
  comparisons: z.array(
    z.strictObject({
      comparison: z.string(),
      driver: z.string(),
      throughputRatio: z.number().nullable(),
      p95Ratio: z.number().nullable(),
      queriesPerRequest: z.strictObject({ naive: z.number().nullable(), optimized: z.number().nullable() }),
    }),
  ),
});

export type HistoryLine = z.infer<typeof historyLineSchema>;

/** The history file of a reports directory. */
export const historyPath = (reportsDir: string): string => join(reportsDir, 'history.jsonl');

/** The summary line of a run. */
export function historyLine(results: Results): HistoryLine {
  return {
    id: results.run.id,
    startedAt: results.run.startedAt,
    gitSha: results.run.gitSha,
    host: hostFingerprintText(results.run.host),
    scale: results.dataset.scale,
    seed: results.dataset.seed,
    complete: results.run.complete,
    comparisons: results.comparisons.map((c) => ({ comparison: c.comparison, driver: c.driver, throughputRatio: c.throughputRatio.estimate, p95Ratio: c.p95Ratio.estimate, queriesPerRequest: c.queriesPerRequest })),
  };
}

/** Appends the run's line to `<reportsDir>/history.jsonl` (append-only: earlier lines are never rewritten). */
export async function appendHistory(reportsDir: string, results: Results): Promise<void> {
  await mkdir(reportsDir, { recursive: true });
  await appendFile(historyPath(reportsDir), `${JSON.stringify(historyLine(results))}\n`);
}

/** Every valid line of the history, oldest first, and how many lines could not be read. */
export async function readHistory(reportsDir: string): Promise<{ lines: HistoryLine[]; unreadable: number }> {
  const text = await readFile(historyPath(reportsDir), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const lines: HistoryLine[] = [];
  let unreadable = 0;
  for (const raw of text.split('\n').filter((line) => line.trim() !== '')) {
    try {
      lines.push(historyLineSchema.parse(JSON.parse(raw)));
    } catch {
      unreadable++;
    }
  }
  return { lines, unreadable };
}
