import { execFile } from 'node:child_process';

/**
 * Runs `bin args` (10 s timeout) and returns the first line matching `pattern` from stdout+stderr,
 * or null when it cannot run. Some tools (`wrk -v`) print their version and exit non-zero.
 */
export function runVersion(bin: string, args: string[], pattern: RegExp): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(bin, args, { timeout: 10_000 }, (_error, stdout, stderr) => {
      const match = pattern.exec(`${stdout}\n${stderr}`);
      if (match) return resolve(match[1] ?? match[0]);
      resolve(null);
    });
  });
}
