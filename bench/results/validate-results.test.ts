import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readResults } from './read-results.ts';
import { ResultsFileError } from './results-file-error.ts';
import { syntheticResults } from '../test-support/synthetic-results.ts';
import type { Results } from './types.ts';
import { ResultsValidationError, validateResults } from './validate-results.ts';

const good: Results = syntheticResults();
const clone = (): Record<string, any> => JSON.parse(JSON.stringify(good));
const dirs: string[] = [];
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

describe('validateResults', () => {
  it('accepts a complete document typed as Results (after a JSON round trip)', () => {
    expect(validateResults(clone())).toEqual(clone());
  });

  it('rejects the document when any field of the Results type is removed, naming it', () => {
    // p95PerSecond is optional in the type: results written before it was recorded stay readable
    const paths = keyPaths(good).filter((path) => (path.at(-1) !== 'schemaVersion' || path.length > 1) && !path.includes('p95PerSecond'));
    expect(paths.length).toBeGreaterThan(100);
    expect(paths.some((path) => path[0] === 'variants')).toBe(true);
    for (const path of paths) {
      expect(() => validateResults(without(path)), path.join('/')).toThrow(`/${path.join('/')} is missing`);
    }
  });

  it('rejects properties the type does not have', () => {
    const copy = clone();
    copy.scenarios[0].server.latency = 1;
    expect(() => validateResults(copy)).toThrow("/scenarios/0/server has unknown property 'latency'");
  });

  it('names every failing path with a wrong type or value, on one line', () => {
    const copy = clone();
    copy.run.host.cpus = 2.5;
    copy.scenarios[1].variant = 'fast';
    copy.scenarios[2].loadModel = { type: 'open', rate: 0, maxConnections: 1 };
    copy.scenarios[3].loadModel = { type: 'burst' };
    copy.variants[0].driver = 'jmeter';
    copy.run.startedAt = 'yesterday';
    copy.notices = 'none';
    try {
      validateResults(copy);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ResultsValidationError);
      const { message, problems } = error as ResultsValidationError;
      expect(message).not.toContain('\n');
      expect(problems).toEqual([
        '/run/startedAt must be a datetime string',
        '/run/host/cpus must be integer',
        '/scenarios/1/variant must be one of naive, optimized',
        '/scenarios/2/loadModel/rate must be > 0',
        '/scenarios/3/loadModel/type must be one of closed, open',
        '/variants/0/driver must be one of autocannon, k6',
        '/notices must be array',
      ]);
    }
  });

  it('reports a wrong or missing schemaVersion alone, and says when the file is older', () => {
    expect(() => validateResults({ ...clone(), schemaVersion: 99 })).toThrow(/^results have schemaVersion 99; this perflab reads schema version 4$/);
    expect(() => validateResults({ schemaVersion: 2 })).toThrow(/^results have schemaVersion 2, from an older perflab; this perflab reads schema version 4 \(run the benchmark again\)$/);
    expect(() => validateResults({})).toThrow('results have no schemaVersion');
    expect(() => validateResults(null)).toThrow('results have no schemaVersion');
  });
});

describe('readResults', () => {
  it('turns a missing, unparsable, invalid or wrong-version file into one line naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'perflab-results-'));
    dirs.push(dir);
    const cases: [string, string | null, RegExp][] = [
      ['missing.json', null, /^cannot read .*missing\.json: no such file$/],
      ['garbage.json', '{"schemaVersion": 2,', /^.*garbage\.json is not valid JSON: /],
      ['invalid.json', JSON.stringify({ ...clone(), calibration: {} }), /invalid\.json: results do not match schema v4: \/calibration must be array$/],
      ['future.json', JSON.stringify({ ...clone(), schemaVersion: 99 }), /future\.json: results have schemaVersion 99; this perflab reads schema version 4$/],
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
