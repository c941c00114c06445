import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isAlive } from './embedded-postgres.ts';
import { projectRoot } from '../../lib/paths.ts';

const exec = promisify(execFile);
const tsx = import.meta.resolve('tsx');
let home = '';

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'perflab-strays-'));
  await chmod(home, 0o755);
});
afterAll(() => rm(home, { recursive: true, force: true }));

it('perflab down stops a redis-server left behind by a command killed outright (as `perflab run` spawns it)', async () => {
  const { VITEST, ...outside } = process.env;
  const env = { ...outside, PERFLAB_HOME: home, NO_COLOR: '1' };
  // what `perflab run` does through the Redis chain, then SIGKILL: no cleanup handler can run
  const script = `
    const { spawnRedisServer } = await import(${JSON.stringify(join(projectRoot, 'bench/env/redis-server.ts'))});
    const server = await spawnRedisServer('redis-server');
    console.log(server.pid);
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next()).value.split('\n');
  const redisPid = Number(line);
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  try {
    expect(isAlive(redisPid)).toBe(true);
    expect(await readdir(join(home, 'pids'))).toEqual([`redis-server-${redisPid}.json`]);

    const { stdout } = await exec(process.execPath, [join(projectRoot, 'bench/cli/bin.mjs'), 'down'], { env });
    expect(stdout).toBe(`perflab: stopped services a killed perflab command left running (pids ${redisPid})\n`);
    expect(isAlive(redisPid)).toBe(false);
    expect(await readdir(join(home, 'pids'))).toEqual([]);
    expect((await exec(process.execPath, [join(projectRoot, 'bench/cli/bin.mjs'), 'down'], { env })).stdout).toBe('perflab: nothing was running\n');
  } finally {
    if (isAlive(redisPid)) process.kill(redisPid, 'SIGKILL');
  }
  expect(existsSync(join(home, 'services.json'))).toBe(false);
});
