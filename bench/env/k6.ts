import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { which } from './which.ts';

const run = promisify(execFile);

/**
 * Where k6 was found and its version (`v1.8.1`): K6_BIN, then PATH, then the k6 that `.ci/run`
 * builds into `~/.cache/perflab/k6-<version>/`; null when none of them runs.
 */
export async function findK6(): Promise<{ bin: string; version: string } | null> {
  const candidates = [process.env.K6_BIN, which('k6'), ...cachedBuilds()].filter((c): c is string => Boolean(c));
  for (const bin of candidates) {
    try {
      const { stdout } = await run(bin, ['version'], { timeout: 10_000 });
      return { bin, version: /v\d+\.\d+\.\d+\S*/.exec(stdout)?.[0] ?? stdout.trim() };
    } catch {
      // K6_BIN pointing at nothing runnable falls through to PATH
    }
  }
  return null;
}

/** k6 builds left by `.ci/run` (`go install` into ~/.cache/perflab/k6-vX.Y.Z), newest first. */
function cachedBuilds(): string[] {
  const cache = join(homedir(), '.cache', 'perflab');
  if (!existsSync(cache)) return [];
  return readdirSync(cache)
    .filter((name) => /^k6-v\d+\.\d+\.\d+$/.test(name))
    .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
    .map((name) => join(cache, name, 'k6'))
    .filter((bin) => existsSync(bin));
}
