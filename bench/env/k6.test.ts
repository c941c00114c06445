import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findK6 } from './k6.ts';
import { requireOrSkip } from './test-requirements.ts';
import { withEnv } from './with-env.ts';

const k6Bin = process.env.K6_BIN ?? '/root/.cache/perflab/k6-v1.8.1/k6';

describe('findK6', () => {
  it.skipIf(requireOrSkip('k6', existsSync(k6Bin)))('finds k6 through K6_BIN and reads its version', async () => {
    const found = await withEnv({ K6_BIN: k6Bin, PATH: '/nonexistent' }, () => findK6());
    expect(found).toEqual({ bin: k6Bin, version: expect.stringMatching(/^v\d+\.\d+\.\d+/) });
  });

  it('returns null when neither K6_BIN nor PATH has k6', async () => {
    expect(await withEnv({ K6_BIN: undefined, PATH: '/nonexistent' }, () => findK6())).toBeNull();
  });

  it('ignores a K6_BIN that does not run', async () => {
    expect(await withEnv({ K6_BIN: '/nonexistent/k6', PATH: '/nonexistent' }, () => findK6())).toBeNull();
  });
});
