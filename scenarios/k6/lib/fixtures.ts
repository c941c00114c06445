import type { Fixtures } from '../../types.ts';

/**
 * Reads the seeder's fixtures file in the init context. FIXTURES as given (absolute, or relative
 * to where k6 resolves `open()`); by default `.perflab/fixtures.json` at the repository root,
 * found relative to this file so the scripts work from any working directory.
 */
export function loadFixtures(path: string | null): Fixtures {
  const target = path ?? import.meta.resolve('../../../.perflab/fixtures.json');
  let text: string;
  try {
    text = open(target);
  } catch (error) {
    throw new Error(`cannot read fixtures at ${target} (run \`npx perflab seed\` or pass -e FIXTURES=…): ${String(error)}`);
  }
  const fixtures = JSON.parse(text) as Fixtures;
  if (!fixtures.tenants?.length) throw new Error(`fixtures at ${target} hold no tenant`);
  return fixtures;
}
