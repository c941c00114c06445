import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findK6 } from './k6.ts';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { withEnv } from '../test-support/with-env.ts';

const k6Bin = process.env.K6_BIN ?? '/root/.cache/perflab/k6-v1.8.1/k6';

describe('findK6', () => {
  it.skipIf(requireOrSkip('k6', existsSync(k6Bin)))('finds k6 through K6_BIN and reads its version', async () => {
    const found = await withEnv({ K6_BIN: k6Bin, PATH: '/nonexistent' }, () => findK6());
    expect(found).toEqual({ bin: k6Bin, version: expect.stringMatching(/^v\d+\.\d+\.\d+/) });
  });

  it('returns null when neither K6_BIN, PATH nor the CI build cache has k6', async () => {
    expect(await withEnv({ K6_BIN: undefined, PATH: '/nonexistent', HOME: '/nonexistent' }, () => findK6())).toBeNull();
  });

  it('ignores a K6_BIN that does not run', async () => {
    expect(await withEnv({ K6_BIN: '/nonexistent/k6', PATH: '/nonexistent', HOME: '/nonexistent' }, () => findK6())).toBeNull();
  });

  it.skipIf(requireOrSkip('k6', existsSync(k6Bin)))('finds the k6 that .ci/run built into ~/.cache/perflab', async () => {
    const home = await mkdtemp(join(tmpdir(), 'perflab-home-'));
    try {
      await mkdir(join(home, '.cache/perflab/k6-v1.8.1'), { recursive: true });
      await symlink(k6Bin, join(home, '.cache/perflab/k6-v1.8.1/k6'));
      const found = await withEnv({ K6_BIN: undefined, PATH: '/nonexistent', HOME: home }, () => findK6());
      expect(found?.bin).toBe(join(home, '.cache/perflab/k6-v1.8.1/k6'));
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
