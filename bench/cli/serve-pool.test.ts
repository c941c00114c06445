import { describe, expect, it } from 'vitest';
import { SERVE_POOL_MAX } from '../../scenarios/k6/lib/load.ts';
import serve from './serve.ts';

describe('perflab serve pool', () => {
  // scenarios/k6/lib/load.test.ts checks SERVE_POOL_MAX against every catalog script's peak VUs
  it('defaults --pool-max to the pool the k6 scripts are sized for', () => {
    const args = serve.args as Record<string, { default?: unknown }>;
    expect(args['pool-max']?.default).toBe(String(SERVE_POOL_MAX));
  });
});
