import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { git, type ResolvedRef } from './resolve-ref.ts';
import { diffMigrations, type MigrationSet, type MigrationsDiff } from './migrations-diff.ts';

const MIGRATIONS = 'reference-server/db/migrations';

/** The base ref checked out beside the working tree, ready to serve. */
export interface BaseBuild {
  dir: string;
  migrations: MigrationsDiff;
  /** What was done about its dependencies, one sentence. */
  deps: string;
}

/** sha256 of a file's bytes, hex; null when it is absent. */
export function fileHash(path: string): string | null {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null;
}

/** The `.sql` files of a migrations folder with their hashes (empty when there is none). */
export function readMigrationSet(root: string): MigrationSet {
  const dir = join(root, MIGRATIONS);
  if (!existsSync(dir)) return new Map();
  return new Map(readdirSync(dir).filter((name) => name.endsWith('.sql')).map((name) => [name, fileHash(join(dir, name)) as string]));
}

/**
 * A detached git worktree of `ref` under `cacheDir/worktrees/<sha>` (reused when present), its
 * dependencies installed with `npm ci` once per package-lock.json hash under `cacheDir/deps/<hash>`
 * (or the working tree's own node_modules when the lockfiles are identical), and its migrations
 * compared with the candidate's.
 */
export async function prepareBaseBuild(root: string, ref: ResolvedRef, cacheDir: string, say: (line: string) => void): Promise<BaseBuild> {
  const dir = join(cacheDir, 'worktrees', ref.sha);
  if (!existsSync(join(dir, '.git'))) {
    await mkdir(join(cacheDir, 'worktrees'), { recursive: true });
    await rm(dir, { recursive: true, force: true });
    git(root, ['worktree', 'prune']);
    git(root, ['worktree', 'add', '--detach', '--force', dir, ref.sha]);
    say(`base: git worktree of ${ref.ref} (${ref.short}) in ${dir}`);
  } else say(`base: reusing the git worktree of ${ref.ref} (${ref.short}) in ${dir}`);
  utimesSync(dir, new Date(), new Date());
  pruneWorktrees(root, join(cacheDir, 'worktrees'), dir);
  const migrations = diffMigrations(readMigrationSet(dir), readMigrationSet(root));
  const deps = linkDependencies(root, dir, cacheDir, say);
  return { dir, migrations, deps };
}

/** Base worktrees kept in the cache: the most recently used ones; older ones are removed (and unregistered from git). */
export const KEPT_WORKTREES = 3;

function pruneWorktrees(root: string, parent: string, current: string): void {
  const byUse = readdirSync(parent).map((name) => join(parent, name)).filter((path) => path !== current).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const stale of byUse.slice(KEPT_WORKTREES - 1)) {
    try {
      git(root, ['worktree', 'remove', '--force', stale]);
    } catch {
      // not (or no longer) a registered worktree: a plain folder to delete
      rmSync(stale, { recursive: true, force: true });
      git(root, ['worktree', 'prune']);
    }
  }
}

function linkDependencies(root: string, dir: string, cacheDir: string, say: (line: string) => void): string {
  const mine = fileHash(join(root, 'package-lock.json'));
  const theirs = fileHash(join(dir, 'package-lock.json'));
  if (!theirs) throw new Error(`base: ${dir} has no package-lock.json: npm ci cannot install it`);
  const target = mine === theirs ? realpathSync(join(root, 'node_modules')) : installByLockHash(dir, theirs, cacheDir, say);
  const link = join(dir, 'node_modules');
  if (!existsSync(link)) symlinkSync(target, link, 'dir');
  const sentence = mine === theirs
    ? `The base's package-lock.json is identical (sha256 ${theirs.slice(0, 12)}): it runs on the working tree's node_modules, no npm ci.`
    : `The base's package-lock.json differs (sha256 ${theirs.slice(0, 12)}): its dependencies come from npm ci cached in ${target}.`;
  say(`base: ${sentence}`);
  return sentence;
}

/** `npm ci` of the base's lockfile into `cacheDir/deps/<hash>` once; later gates with that lockfile reuse it. */
function installByLockHash(dir: string, hash: string, cacheDir: string, say: (line: string) => void): string {
  const home = join(cacheDir, 'deps', hash);
  const modules = join(home, 'node_modules');
  if (existsSync(join(modules, '.package-lock.json'))) return modules;
  say(`base: npm ci for lockfile ${hash.slice(0, 12)} (once; cached in ${home})`);
  execFileSync('mkdir', ['-p', home]);
  for (const file of ['package.json', 'package-lock.json']) execFileSync('cp', [join(dir, file), join(home, file)]);
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: home, stdio: ['ignore', 'ignore', 'inherit'], timeout: 15 * 60_000 });
  return modules;
}
