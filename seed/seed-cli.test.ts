import { execFile, spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCleanup } from '../bench/env/cleanup.ts';
import { projectRoot } from '../lib/paths.ts';
import { provisionPostgres } from '../bench/env/postgres.ts';

const exec = promisify(execFile);
const bin = join(projectRoot, 'bench/cli/bin.mjs');
let home = '';

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'perflab-seed-cli-'));
  // as root, Postgres runs as `postgres` and must reach the data dir below
  await chmod(home, 0o755);
});
afterAll(async () => {
  await runCleanup();
  await rm(home, { recursive: true, force: true });
});

/** The CLI's environment: state in a temp PERFLAB_HOME, no outside services. */
function cliEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL, REDIS_URL, VITEST, ...env } = process.env;
  return { ...env, PERFLAB_HOME: home, DOCKER_HOST: 'unix:///nonexistent/docker.sock', NO_COLOR: '1' };
}

describe('perflab seed flags', () => {
  it.each([
    [['--products', '-5'], "perflab: --products must be between 1 and 10000000, got '-5'"],
    [['--scale', 'huge'], "perflab: --scale must be one of tiny, default, large, got 'huge'"],
    [['--orders', '1.5'], "perflab: --orders must be a whole number, got '1.5'"],
    [['--seed', 'abc'], "perflab: --seed must be a whole number, got 'abc'"],
    [['--prodcts', '5'], "perflab: unknown option '--prodcts': did you mean '--products'?"],
  ])('%j → one line, exit 2, nothing started', async (args, message) => {
    const result = await exec(process.execPath, [bin, 'seed', ...args], { env: cliEnv() }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: `${message}\n` });
  });
});

describe('perflab seed interrupted', () => {
  it('SIGINT mid-load exits 130, leaves no postgres behind, and the set reads as incomplete', async () => {
    const child = spawn(process.execPath, [bin, 'seed', '--scale', 'tiny', '--products', '200000', '--orders', '1000'], {
      env: cliEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // plain lines come as steps finish: categories done means products are streaming now
        if (stderr.includes('categories:')) resolve();
      });
      child.once('exit', () => reject(new Error(`seed exited before loading products: ${stderr}`)));
    });
    child.kill('SIGINT');
    expect(await exited).toBe(130);

    const dataDir = join(home, 'pgdata');
    expect(processesMentioning(dataDir)).toEqual([]);

    const pg = await provisionPostgres({ dataDir, persistent: true });
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    try {
      const [meta] = await sql`SELECT complete, fingerprint FROM dataset_meta`;
      expect(meta).toMatchObject({ complete: false, fingerprint: { rows: { products: 200000 } } });
      const [products] = await sql`SELECT count(*)::int AS n FROM products`;
      expect(products!.n).toBe(0);
    } finally {
      await sql.end();
      await pg.stop();
    }
  });
});

function processesMentioning(text: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(text));
}
