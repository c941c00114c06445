import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import schema from './results.schema.json' with { type: 'json' };
import { readResults } from './read-results.ts';
import { ResultsFileError } from './results-file-error.ts';
import { syntheticResults } from '../test-support/synthetic-results.ts';
import { RESULTS_SCHEMA_VERSION, type Results } from './types.ts';
import { ResultsValidationError, validateResults } from './validate-results.ts';
import { writeResults } from './write-results.ts';

const good: Results = syntheticResults();
const clone = (): Record<string, any> => JSON.parse(JSON.stringify(good));
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'perflab-results-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Every object key path in the document, except the free-form `dataset.rows` map. */
function keyPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => keyPaths(item, [...path, index]));
  if (value === null || typeof value !== 'object') return [];
  if (path.join('/') === 'dataset/rows') return [];
  return Object.entries(value).flatMap(([key, child]) => [[...path, key], ...keyPaths(child, [...path, key])]);
}

function without(path: (string | number)[]): unknown {
  const copy = clone();
  const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], copy);
  delete parent[path.at(-1) as string];
  return copy;
}

describe('results schema', () => {
  it('carries its version in $id and matches RESULTS_SCHEMA_VERSION', () => {
    expect(schema.$id).toBe(`urn:perflab:results:v${RESULTS_SCHEMA_VERSION}`);
    expect(schema.properties.schemaVersion.const).toBe(RESULTS_SCHEMA_VERSION);
  });

  it('accepts a complete document typed as Results (after a JSON round trip)', () => {
    expect(validateResults(clone())).toEqual(clone());
  });

  it('rejects the document when any field of the Results type is removed', () => {
    const paths = keyPaths(good).filter((path) => path.at(-1) !== 'schemaVersion' || path.length > 1);
    expect(paths.length).toBeGreaterThan(100);
    for (const path of paths) {
      expect(() => validateResults(without(path)), path.join('/')).toThrow(`/${path.join('/')} is missing`);
    }
  });

  it('rejects properties the type does not have', () => {
    const copy = clone();
    copy.scenarios[0].server.latency = 1;
    expect(() => validateResults(copy)).toThrow("/scenarios/0/server has unknown property 'latency'");
  });

  it('names every failing path with a wrong type or value', () => {
    const copy = clone();
    copy.run.host.cpus = '2';
    copy.scenarios[1].variant = 'fast';
    copy.scenarios[2].loadModel = { type: 'open', rate: 0, maxConnections: 1 };
    copy.run.startedAt = 'yesterday';
    try {
      validateResults(copy);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ResultsValidationError);
      const { message, problems } = error as ResultsValidationError;
      expect(message).not.toContain('\n');
      expect(problems).toEqual(
        expect.arrayContaining([
          '/run/host/cpus must be integer',
          '/scenarios/1/variant must be one of naive, optimized',
          '/scenarios/2/loadModel/rate must be > 0',
          '/run/startedAt must match format "date-time"',
        ]),
      );
    }
  });

  it('reports a wrong or missing schemaVersion alone', () => {
    expect(() => validateResults({ ...clone(), schemaVersion: 2 })).toThrow('results have schemaVersion 2; this perflab reads schema version 1');
    expect(() => validateResults({})).toThrow('results have no schemaVersion');
    expect(() => validateResults(null)).toThrow('results have no schemaVersion');
  });
});

describe('readResults / writeResults', () => {
  it('writes results.json and every report, and reads back the same document', async () => {
    const dir = await tempDir();
    const written = await writeResults(dir, good);
    expect(written.map((path) => path.slice(dir.length + 1))).toEqual(['results.json', 'results.md', 'report.html', 'junit.xml']);
    expect((await readdir(dir)).sort()).toEqual(['junit.xml', 'report.html', 'results.json', 'results.md']);
    expect(await readResults(join(dir, 'results.json'))).toEqual(clone());
  });

  it('writes nothing for an invalid document', async () => {
    const dir = join(await tempDir(), 'run');
    const broken = { ...clone(), notices: 'none' } as unknown as Results;
    await expect(writeResults(dir, broken)).rejects.toThrow('/notices must be array');
    await expect(readdir(dir)).rejects.toThrow(/ENOENT/);
  });

  it('turns a missing, unparsable, invalid or wrong-version file into one line naming the file', async () => {
    const dir = await tempDir();
    const cases: [string, string | null, RegExp][] = [
      ['missing.json', null, /^cannot read .*missing\.json: no such file$/],
      ['garbage.json', '{"schemaVersion": 1,', /^.*garbage\.json is not valid JSON: /],
      ['invalid.json', JSON.stringify({ ...clone(), calibration: {} }), /invalid\.json: results do not match schema v1: \/calibration must be array$/],
      ['future.json', JSON.stringify({ ...clone(), schemaVersion: 99 }), /future\.json: results have schemaVersion 99; this perflab reads schema version 1$/],
    ];
    for (const [name, content, expected] of cases) {
      if (content !== null) await writeFile(join(dir, name), content);
      const error = await readResults(join(dir, name)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ResultsFileError);
      expect((error as Error).message).toMatch(expected);
      expect((error as Error).message).not.toContain('\n');
    }
    expect(await readFile(join(dir, 'future.json'), 'utf8')).toContain('"schemaVersion":99');
  });
});
