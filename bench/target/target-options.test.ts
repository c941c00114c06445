import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTargetOptions, scenarioFlags } from './target-options.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perflab-target-options-'));
  for (const file of ['a.json', 'b.json', 'c.json', 's.js', 'x.txt']) await writeFile(join(dir, file), '{}');
});

/** Parses like `perflab run …args`: citty keeps the last --scenario, the runner reads all of them. */
function parse(...args: string[]) {
  const raw: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const name = (args[i] as string).slice(2);
    const next = args[i + 1];
    if (next === undefined || next.startsWith('--')) raw[name] = true;
    else raw[name] = args[++i] as string;
  }
  return parseTargetOptions(raw, args, []);
}

describe('perflab run --target --scenario options', () => {
  it('reads every --scenario in order, either spelling', () => {
    expect(scenarioFlags(['--scenario', 'a.json', '--repeat', '2', '--scenario=b.json'])).toEqual(['a.json', 'b.json']);
  });

  it('one file is measured alone, two are compared; the file type picks the driver', () => {
    const two = parse('--target', 'http://127.0.0.1:3000', '--scenario', join(dir, 'a.json'), '--scenario', join(dir, 'b.json'), '--database-url', 'postgres://u:p@127.0.0.1/db');
    expect(two).toMatchObject({ driver: 'autocannon', databaseUrl: 'postgres://u:p@127.0.0.1/db', scenarios: [{ name: 'a.json', kind: 'request-list' }, { name: 'b.json', kind: 'request-list' }] });
    expect(parse('--target', 'http://localhost:8080', '--scenario', join(dir, 's.js'))).toMatchObject({ driver: 'k6', databaseUrl: null, scenarios: [{ name: 's.js', kind: 'k6-script' }] });
  });

  it.each([
    [['--scenario', 'A'], /^--scenario runs against your API: give its base URL with --target/],
    [['--target', 'http://10.1.2.3:3000', '--scenario', 'A'], /^refusing to load 10\.1\.2\.3: it is not a loopback address; pass --allow-remote/],
    [['--target', 'http://127.0.0.1:3000', '--scenario', 'missing.json'], /^--scenario missing\.json: file not found$/],
    [['--target', 'http://127.0.0.1:3000', '--scenario', 'X'], /^--scenario .*x\.txt: expected a \.json request list or a \.js\/\.ts k6 script$/],
    [['--target', 'http://127.0.0.1:3000', '--scenario', 'A', '--scenario', 'S'], /^--scenario: both files must be of one kind/],
    [['--target', 'http://127.0.0.1:3000', '--scenario', 'A', '--scenario', 'A', '--scenario', 'A'], /^--scenario: give one file \(measured alone\) or two \(compared\), got 3$/],
    [['--target', 'http://127.0.0.1:3000', '--scenario', 'A', '--driver', 'k6'], /^--driver does not apply with --scenario/],
    [['--target', 'http://127.0.0.1:3000', '--scenario', 'A', '--database-url', 'mysql://x'], /^--database-url must be a postgres:\/\//],
    [['--target', 'http://127.0.0.1:3000', '--database-url', 'postgres://x/y'], /^--database-url counts the statements of your API under a --scenario/],
  ])('refuses %j in one line', (args, message) => {
    const files: Record<string, string> = { A: join(dir, 'a.json'), S: join(dir, 's.js'), X: join(dir, 'x.txt') };
    const resolved = args.map((a) => files[a] ?? a);
    expect(() => parse(...resolved)).toThrow(expect.objectContaining({ name: 'UsageError', message: expect.stringMatching(message) }));
  });

  it('takes a remote target with --allow-remote', () => {
    expect(parse('--target', 'http://10.1.2.3:3000', '--allow-remote', '--scenario', join(dir, 'a.json')).run.target).toBe('http://10.1.2.3:3000');
  });
});
