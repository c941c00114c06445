import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/paths.ts';
import { closedPort } from '../test-support/test-server.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perflab-target-cli-'));
  await writeFile(join(dir, 'list.json'), JSON.stringify({ requests: [{ path: '/orders' }] }));
  await writeFile(join(dir, 'broken.json'), '{"requests": [');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** `perflab run …` as a user types it: exit code and stderr. */
function perflab(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(projectRoot, 'bench/cli/bin.mjs'), 'run', ...args], { env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 }, (error, _stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stderr }),
    );
  });
}

describe('perflab run --target --scenario: bad input is one line and exit 2, before any load', () => {
  it.each([
    ['a file that is not JSON', (port: number) => ['--target', `http://127.0.0.1:${port}`, '--scenario', join(dir, 'broken.json')], /^perflab: .*broken\.json: not valid JSON \(.*\)\n$/],
    ['a target nothing answers on', (port: number) => ['--target', `http://127.0.0.1:${port}`, '--scenario', join(dir, 'list.json')], /^perflab: --target http:\/\/127\.0\.0\.1:\d+: no answer \(ECONNREFUSED\): is your API running there\?\n$/],
    ['a remote target without --allow-remote', () => ['--target', 'http://192.0.2.10:3000', '--scenario', join(dir, 'list.json')], /^perflab: refusing to load 192\.0\.2\.10: it is not a loopback address; pass --allow-remote if you own it\n$/],
    ['a missing file', (port: number) => ['--target', `http://127.0.0.1:${port}`, '--scenario', join(dir, 'nope.json')], /^perflab: --scenario .*nope\.json: file not found\n$/],
  ])('%s', async (_what, args, message) => {
    const { code, stderr } = await perflab(args(await closedPort()));
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });
});
