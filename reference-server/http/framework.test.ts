import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp, type Runtime } from '../app.ts';
import { signToken } from '../auth/token.ts';
import { defineComparison } from '../comparisons/types.ts';
import { createTestApp, createTestDeps, requestVariant, tenantAt, tokenFor } from '../test-support/index.ts';
import { Stats } from './stats.ts';

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
    const admin = { authorization: `Bearer ${tokenFor(await tenantAt(0), 'admin')}` };
    await t.app.request('/__stats/reset', { method: 'POST', headers: admin });
    await requestVariant(t.app, 'naive', '/orders');
    const stats = (await (await t.app.request('/__stats', { headers: admin })).json()) as any;
    expect(stats.comparisons['orders-with-items'].naive).toMatchObject({ requests: 1, status: { '401': 1 }, queries: { total: 0 } });
    expect(stats.comparisons['orders-with-items'].naive.responseBytes.total).toBeGreaterThan(0);
    await t.app.request('/__stats/reset', { method: 'POST', headers: admin });
    expect(((await (await t.app.request('/__stats', { headers: admin })).json()) as any).comparisons).toEqual({});
  });
});

describe('framework error handling', () => {
  const probe = defineComparison({ id: 'probe', method: 'POST', route: '/probe/:mode', role: 'editor' }, {
    input: z.object({ params: z.object({ mode: z.enum(['echo', 'boom', 'slow-statement', 'slow-request']) }), body: z.object({ n: z.number().int() }) }),
    naive: async ({ sql }, { params, body }) => {
      if (params.mode === 'boom') throw new Error('secret internal detail');
      if (params.mode === 'slow-statement') await sql`SELECT pg_sleep(2)`;
      if (params.mode === 'slow-request') await sql`SELECT pg_sleep(0.5)`;
      return { status: 201, body, headers: { location: '/probe/1' } };
    },
    optimized: async (_ctx, { body }) => ({ body }),
  });
  let t: Runtime;
  let app: ReturnType<typeof createApp>;
  let editor: string;
  let viewer: string;
  beforeAll(async () => {
    t = await createTestDeps({ bodyLimitBytes: 1024, statementTimeoutMs: 100, requestTimeoutMs: 1_000 });
    app = createApp(t.deps, new Stats(), [probe]);
    const tenant = await tenantAt(0);
    [editor, viewer] = [tokenFor(tenant, 'editor'), tokenFor(tenant, 'viewer')];
  });
  afterAll(() => t.close());

  const post = (mode: string, body: string | undefined, token = editor, type = 'application/json') =>
    requestVariant(app, 'naive', `/probe/${mode}`, { method: 'POST', token, body, headers: { 'content-type': type } });

  it.each([
    ['a valid body', 'echo', '{"n":1}', 201, undefined],
    ['malformed JSON', 'echo', '{"n":', 400, 'invalid_json'],
    ['a wrong type', 'echo', '{"n":"x"}', 400, 'invalid_input'],
    ['a missing body', 'echo', undefined, 400, 'invalid_input'],
    ['an unknown mode', 'nope', '{"n":1}', 400, 'invalid_input'],
    ['a body over the limit', 'echo', JSON.stringify({ n: 1, pad: 'x'.repeat(2000) }), 413, 'payload_too_large'],
    ['an unexpected error', 'boom', '{"n":1}', 500, 'internal'],
    ['a statement over statement_timeout', 'slow-statement', '{"n":1}', 503, 'db_timeout'],
  ] as const)('answers %s', async (_name, mode, body, status, code) => {
    const res = await post(mode, body);
    expect(res.status).toBe(status);
    if (code) expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
    expect(res.text).not.toMatch(/secret internal detail|\.ts:\d+/);
  });

  it('names the offending field in validation errors', async () => {
    expect((await post('echo', '{"n":1.5}')).body.error.message).toMatch(/^body\.n: /);
  });

  it('answers 415 for a non-JSON body, 403 below the role, and passes status and headers through', async () => {
    expect((await post('echo', 'n=1', editor, 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await post('echo', '{"n":1}', viewer)).status).toBe(403);
    const ok = await post('echo', '{"n":7}');
    expect([ok.status, ok.headers.get('location'), ok.body]).toEqual([201, '/probe/1', { n: 7 }]);
  });

  it('answers 503 when a request outlives the request timeout', async () => {
    const slow = await createTestDeps({ requestTimeoutMs: 100, statementTimeoutMs: 5_000 });
    try {
      const res = await createApp(slow.deps, new Stats(), [probe]).request('/naive/probe/slow-request', {
        method: 'POST',
        headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json' },
        body: '{"n":1}',
      });
      expect(res.status).toBe(503);
      expect(((await res.json()) as any).error.code).toBe('timeout');
    } finally {
      await slow.close();
    }
  });
});
