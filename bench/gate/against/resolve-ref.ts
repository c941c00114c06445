import { execFileSync } from 'node:child_process';
import { UsageError } from '../../../lib/usage-error.ts';

/** A git ref resolved to the commit it names. */
export interface ResolvedRef {
  ref: string;
  sha: string;
  short: string;
}

/** `git <args>` in `cwd`, stdout trimmed; throws with git's own first stderr line. */
export function git(cwd: string, args: readonly string[]): string {
  return gitRaw(cwd, args).trim();
}

function gitRaw(cwd: string, args: readonly string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * The commit `ref` names in the repository at `root`.
 * @throws UsageError (exit 2) with one line when it names no commit.
 */
export function resolveRef(root: string, ref: string): ResolvedRef {
  if (ref === '' || ref.startsWith('-')) throw new UsageError(`--against needs a git ref (a branch, tag or commit), got "${ref}"`);
  let sha: string;
  try {
    sha = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new UsageError(`--against ${ref}: no such commit, branch or tag in ${root} (fetch it first, e.g. git fetch origin main)`);
  }
  return { ref, sha, short: sha.slice(0, 12) };
}

/** Files the working tree changes against HEAD (tracked edits and untracked files), as `git status --porcelain` lists them. */
export function dirtyFiles(root: string): string[] {
  return gitRaw(root, ['status', '--porcelain', '--untracked-files=normal']).split('\n').filter((line) => line.trim() !== '');
}
