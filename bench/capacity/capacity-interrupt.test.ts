import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findK6 } from '../env/k6.ts';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { capacitySchema } from './capacity-schema.ts';

const BIN = new URL('../cli/bin.mjs', import.meta.url).pathname;
const k6 = await findK6();
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'perflab-capacity-sigint-'));
  // as root, the embedded Postgres runs as `postgres` and must traverse the state folder
  await chmod(home, 0o755);
});
afterAll(() => rm(home, { recursive: true, force: true }));

/** A process as /proc shows it: parent, command name, start time (a reused pid has another), state. */
interface ProcEntry {
  ppid: number;
  name: string;
  startTime: string;
  state: string;
}

function procEntry(pid: number): ProcEntry | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid … starttime(22nd)": comm may hold spaces and parentheses, so split after the last ')'
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    return { ppid: Number(fields[1]), name: stat.slice(stat.indexOf('(') + 1, close), startTime: fields[19]!, state: fields[0]! };
  } catch {
    return null;
  }
}

/** Every process below `root` (children, grandchildren, …), from /proc. */
function descendantsOf(root: number): Map<number, ProcEntry> {
  const all = new Map<number, ProcEntry>();
  for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    const entry = procEntry(Number(name));
    if (entry) all.set(Number(name), entry);
  }
  const found = new Map<number, ProcEntry>();
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [pid, entry] of all) {
      if (entry.ppid === parent && !found.has(pid)) {
        found.set(pid, entry);
        queue.push(pid);
      }
    }
  }
  return found;
}

/** Still running: the same process (same start time, so not a reused pid) and not a zombie. */
function stillRunning(pid: number, seen: ProcEntry): boolean {
  const now = procEntry(pid);
  return now !== null && now.startTime === seen.startTime && now.state !== 'Z';
}

function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs `perflab capacity --driver <driver>` on a short plan, interrupts it while `isGenerator` finds its generator running, and checks what is left. */
async function interruptAfterFirstStep(driver: string, isGenerator: (pid: number) => boolean): Promise<void> {
  const out = join(home, `reports-${driver}`);
  // no DATABASE_URL / REDIS_URL: the command starts its own embedded Postgres and redis-server, so all of them are its children
  const env: NodeJS.ProcessEnv = { ...process.env, PERFLAB_HOME: home, NO_COLOR: '1' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const child = spawn(process.execPath, [BIN, 'capacity', '--only', 'product-detail-cache', '--quick', '--scale', 'tiny', '--driver', driver, '--out', out], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const apiPid = Number(await waitFor(() => /reference API: \S+ \(pid (\d+)\)/.exec(stderr)?.[1], 150_000));
    // the closed sweep ran, and the first open-model step of the search completed
    await waitFor(() => (/^perflab: \[\d+:\d\d\] {3}ramp \d+ req\/s: /m.test(stderr) ? true : undefined), 120_000);
    // …and the next window's load generator is running when the signal lands
    const running = await waitFor(() => {
      const now = descendantsOf(child.pid!);
      return [...now.keys()].some(isGenerator) ? now : undefined;
    }, 60_000);
    expect([...running.keys()]).toContain(apiPid);
    expect([...running.values()].map((p) => p.name)).toEqual(expect.arrayContaining(['postgres', 'redis-server']));
    child.kill('SIGINT');
    expect(await exited, stderr).toBe(130);
    expect([...running].filter(([pid, seen]) => stillRunning(pid, seen)).map(([pid, seen]) => `${pid} ${seen.name}`), stderr).toEqual([]);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  expect(stderr).toMatch(/interrupted: partial capacity report in \S+capacity\.md/);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toMatch(/failed:/);
  const [runDir] = await readdir(out);
  const report = capacitySchema.parse(JSON.parse(await readFile(join(out, runDir!, 'capacity.json'), 'utf8')));
  expect(report.run.complete).toBe(false);
  const [variant] = report.variants;
  expect(variant).toMatchObject({ comparison: 'product-detail-cache', variant: 'naive' });
  expect(variant!.sweep.length).toBeGreaterThanOrEqual(1);
  expect(variant!.steps.length).toBeGreaterThanOrEqual(1);
  expect(variant!.steps[0]).toMatchObject({ phase: 'ramp' });
  expect(report.run.driver).toMatch(new RegExp(`^${driver} `));
  expect(await readFile(join(out, runDir!, 'capacity.md'), 'utf8')).toMatch(/^# Capacity \(partial/);
}

describe('perflab capacity interrupted', () => {
  it('--driver autocannon: on SIGINT exits 130, keeps the completed steps in a partial capacity.json and leaves no process behind', () => interruptAfterFirstStep('autocannon', (pid) => commandLineOf(pid).includes('autocannon-child')), 300_000);

  it.skipIf(requireOrSkip('k6', k6 !== null))('--driver k6: the same, with k6 running the open-model steps', () => interruptAfterFirstStep('k6', (pid) => procEntry(pid)?.name === 'k6'), 300_000);
});
