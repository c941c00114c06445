import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Run ids are sortable timestamps (`20261122-021502`, maybe with a suffix): the last in order is the newest. */
const RUN_ID = /^\d{8}-\d{6}/;

/** The results.json of the newest run directory under `reportsDir`, or null when there is none. */
export async function latestResultsPath(reportsDir: string): Promise<string | null> {
  const entries = await readdir(reportsDir, { withFileTypes: true }).catch(() => []);
  const runs = entries.filter((e) => e.isDirectory() && RUN_ID.test(e.name)).map((e) => e.name).sort().reverse();
  for (const run of runs) {
    const path = join(reportsDir, run, 'results.json');
    if (await access(path).then(() => true, () => false)) return path;
  }
  return null;
}
