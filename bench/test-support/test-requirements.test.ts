import { describe, expect, it } from 'vitest';
import { requireOrSkip } from './test-requirements.ts';
import { withEnv } from './with-env.ts';

describe('requireOrSkip', () => {
  it('never skips what is available', async () => {
    expect(await withEnv({ PERFLAB_REQUIRE_ALL: '1' }, async () => requireOrSkip('Redis', true))).toBe(false);
  });

  it('skips what is missing on a developer machine', async () => {
    expect(await withEnv({ PERFLAB_REQUIRE_ALL: undefined }, async () => requireOrSkip('Redis', false))).toBe(true);
  });

  it('fails instead of skipping under PERFLAB_REQUIRE_ALL=1', async () => {
    await expect(withEnv({ PERFLAB_REQUIRE_ALL: '1' }, async () => requireOrSkip('k6', false))).rejects.toThrow(
      'k6 is required (PERFLAB_REQUIRE_ALL=1) but is not available on this machine',
    );
  });
});
