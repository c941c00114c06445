import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm, symlink } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../lib/paths.ts';

/** A throwaway git worktree of HEAD with one patch of test-fixtures/regressions/ applied. */
export interface PatchedWorktree {
  dir: string;
  remove(): Promise<void>;
}

/** `git worktree add --detach <tmp> HEAD`, the shared node_modules linked in, `patch` applied (`git apply`). */
export async function patchedWorktree(patch: string): Promise<PatchedWorktree> {
  const parent = await mkdtemp(join(tmpdir(), 'perflab-regression-'));
  // as root, Postgres runs as 'postgres' and must traverse it when the tree's state folder is used
  await chmod(parent, 0o755);
  const dir = join(parent, 'tree');
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git(projectRoot, 'worktree', 'add', '--detach', dir, 'HEAD');
  await symlink(realpathSync(join(projectRoot, 'node_modules')), join(dir, 'node_modules'), 'dir');
  git(dir, 'apply', join(projectRoot, 'test-fixtures/regressions', patch));
  return {
    dir,
    async remove() {
      git(projectRoot, 'worktree', 'remove', '--force', dir);
      // a gate --against run inside it registered its base worktree too
      git(projectRoot, 'worktree', 'prune');
      await rm(parent, { recursive: true, force: true });
    },
  };
}
