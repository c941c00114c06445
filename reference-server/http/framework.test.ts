import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../auth/token.ts';
import { createTestApp, requestVariant } from '../test-support/index.ts';

describe('framework', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers /health, /noop and /ready with JSON and timing headers', async () => {
    for (const path of ['/health', '/noop', '/ready']) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(res.headers.get('server-timing')).toMatch(/^db;dur=[\d.]+;desc="\d+ quer(y|ies)", total;dur=[\d.]+$/);
    }
    expect(Number((await t.app.request('/ready')).headers.get('x-query-count'))).toBe(1);
    expect(Number((await t.app.request('/noop')).headers.get('x-query-count'))).toBe(0);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await t.app.request('/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'no such route' } });
  });

  it('rejects missing, malformed and forged tokens with 401', async () => {
    const forged = await signToken({ userId: 1, tenantId: 1, role: 'admin' }, 'not-the-secret');
    for (const token of [undefined, 'garbage', forged]) {
      const res = await requestVariant(t.app, 'naive', '/orders', { token });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it('counts every response in /__stats per comparison and variant, and resets', async () => {
    await t.app.request('/__stats/reset', { method: 'POST' });
    await requestVariant(t.app, 'naive', '/orders');
    const stats = (await (await t.app.request('/__stats')).json()) as any;
    expect(stats.comparisons['orders-with-items'].naive).toMatchObject({ requests: 1, status: { '401': 1 }, queries: { total: 0 } });
    expect(stats.comparisons['orders-with-items'].naive.responseBytes.total).toBeGreaterThan(0);
    await t.app.request('/__stats/reset', { method: 'POST' });
    expect(((await (await t.app.request('/__stats')).json()) as any).comparisons).toEqual({});
  });
});
