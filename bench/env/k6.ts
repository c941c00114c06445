import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { which } from './which.ts';

const run = promisify(execFile);

/** Where k6 was found and its version (`v1.8.1`), or null when neither K6_BIN nor PATH has it. */
export async function findK6(): Promise<{ bin: string; version: string } | null> {
  const candidates = [process.env.K6_BIN, which('k6')].filter((c): c is string => Boolean(c));
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
