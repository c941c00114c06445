import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from 'citty';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../lib/usage-error.ts';
import { parseK8sArgs } from './k8s.ts';
import mergeCommand from './merge.ts';

describe('perflab k8s flags', () => {
  it('defaults to every comparison over 4 pods', () => {
    expect(parseK8sArgs({})).toMatchObject({ instances: 4, baseUrl: 'http://perflab-api:3000', rate: null, out: 'k8s' });
  });

  it.each([
    [{ instances: '17' }, "--instances must be between 1 and 16, got '17'"],
    [{ 'base-url': 'http://x/;rm -rf' }, '--base-url must be an origin'],
    [{ 'base-url': 'http://api:3000/path?q=1' }, '--base-url must be an origin'],
    [{ only: 'nope' }, "--only must be one of"],
  ])('refuses %o in one line', (raw, message) => {
    expect(() => parseK8sArgs(raw)).toThrow(UsageError);
    expect(() => parseK8sArgs(raw)).toThrow(message);
  });
});

describe('perflab merge on a directory it cannot use', () => {
  it('says which directory it needs, in one line', async () => {
    await expect(runCommand(mergeCommand, { rawArgs: ['/nonexistent/k8s'] })).rejects.toThrow(/cannot read \/nonexistent\/k8s/);
    const empty = await mkdtemp(join(tmpdir(), 'perflab-merge-'));
    await expect(runCommand(mergeCommand, { rawArgs: [empty] })).rejects.toThrow(/no testrun.json in/);
  });
});
