import { perflabStateDir } from '../../../lib/perflab-home.ts';
import type { Fixtures } from '../../types.ts';

/**
 * Where the seeder wrote its fixtures, found as the CLI finds them: `-e FIXTURES=…` as given,
 * else `fixtures.json` in PERFLAB_HOME (k6 passes the shell's variables to `__ENV`; a relative
 * PERFLAB_HOME is resolved against the shell's PWD), else in `.perflab/` of the repository.
 */
export function fixturesLocation(env: Record<string, string | undefined>): string {
  if (env.FIXTURES) return env.FIXTURES;
  const projectRoot = decodeURIComponent(import.meta.resolve('../../../').replace(/^file:\/\//, ''));
  const home = env.PERFLAB_HOME;
  if (home && !home.startsWith('/') && !env.PWD) throw new Error(`PERFLAB_HOME='${home}' is relative and k6 sees no PWD: give an absolute PERFLAB_HOME or -e FIXTURES=<path>`);
  return `${perflabStateDir(home, projectRoot, env.PWD ?? '/')}/fixtures.json`;
}

/** Reads the seeder's fixtures file in the init context; a missing file says where it looked and why. */
export function loadFixtures(env: Record<string, string | undefined>): Fixtures {
  const target = fixturesLocation(env);
  let text: string;
  try {
    text = open(target);
  } catch {
    const why = env.FIXTURES ? 'from -e FIXTURES' : env.PERFLAB_HOME ? `PERFLAB_HOME=${env.PERFLAB_HOME}` : 'the default: PERFLAB_HOME is not set';
    throw new Error(`cannot read fixtures at ${target} (${why}): seed with \`npx perflab seed\` or \`serve\` under the same PERFLAB_HOME, or pass -e FIXTURES=<path>`);
  }
  const fixtures = JSON.parse(text) as Fixtures;
  if (!fixtures.tenants?.length) throw new Error(`fixtures at ${target} hold no tenant`);
  return fixtures;
}
