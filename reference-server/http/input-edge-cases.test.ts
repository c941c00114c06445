import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor, isStrictIsoTimestamp } from '../lib/cursor.ts';
import { createTestApp, requestVariant, tenantAt, testConfig, tokenFor } from '../test-support/index.ts';
import { listenApi, type RunningServer } from '../server.ts';

let t: Awaited<ReturnType<typeof createTestApp>>;
let viewer = '';
let editor = '';
beforeAll(async () => {
  t = await createTestApp();
  const tenant = await tenantAt(0);
  viewer = tokenFor(tenant, 'viewer');
  editor = tokenFor(tenant, 'editor');
});
afterAll(() => t.close());

describe('cursors', () => {
  it('accept only the UTC ISO form encodeCursor is given, years 0001–9999, real dates', () => {
    expect(isStrictIsoTimestamp('2026-02-28T10:00:00.000Z')).toBe(true);
    expect(isStrictIsoTimestamp('0001-01-01T00:00:00.000Z')).toBe(true);
    for (const bad of ['2026-02-30T00:00:00.000Z', '10000-01-01', '+010000-01-01T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '2026-02-28', '2026-02-28 10:00:00', '2026-13-01T00:00:00.000Z']) {
      expect(isStrictIsoTimestamp(bad), bad).toBe(false);
    }
  });

  it.each([
    ['/orders', '10000-01-01'],
    ['/products', '10000-01-01'],
    ['/orders', '2026-02-30'],
    ['/products', '2026-02-30T00:00:00.000Z'],
  ])('%s with a cursor dated %s is a 400, not a 500 or a rolled-over date', async (path, createdAt) => {
    const res = await requestVariant(t.app, 'optimized', `${path}?cursor=${encodeCursor({ createdAt, id: 1 })}`, { token: viewer });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/malformed cursor/) });
  });
});

describe('limit', () => {
  it.each(['0x10', '1e1', '+5', ' 5', '5.0', '-1'])('limit=%s is a 400 (digits only)', async (limit) => {
    const res = await requestVariant(t.app, 'optimized', `/orders?limit=${encodeURIComponent(limit)}`, { token: viewer });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^query\.limit: limit must be/);
  });

  it('an empty limit= is the default, like an absent one', async () => {
    const empty = await requestVariant(t.app, 'optimized', '/orders?limit=', { token: viewer });
    const absent = await requestVariant(t.app, 'optimized', '/orders', { token: viewer });
    expect(empty.status).toBe(200);
    expect(empty.body.items.length).toBe(absent.body.items.length);
  });
});

describe('bodies and ids', () => {
  it('a PATCH with an unknown field names it', async () => {
    const res = await requestVariant(t.app, 'optimized', '/products/1', { method: 'PATCH', token: editor, body: { name: 'x', colour: 'red' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("body: unknown field 'colour'");
    const notObject = await requestVariant(t.app, 'optimized', '/products/1', { method: 'PATCH', token: editor, body: [1] });
    expect(notObject.body.error.message).toBe('body: body must be a JSON object');
  });

  it('a lone surrogate in a JSON string or key is a 400 invalid_unicode, never stored as U+FFFD', async () => {
    for (const body of ['{"name":"a\\ud800b"}', '{"name":"\\udc00"}', '{"\\ud800":1}']) {
      const res = await requestVariant(t.app, 'optimized', '/products/1', { method: 'PATCH', token: editor, body });
      expect(res.status, body).toBe(400);
      expect(res.body.error.code).toBe('invalid_unicode');
    }
    // a valid pair is fine up to validation
    const pair = await requestVariant(t.app, 'optimized', '/products/1', { method: 'PATCH', token: editor, body: '{"colour":"\\ud83d\\ude00"}' });
    expect(pair.body.error.message).toBe("body: unknown field 'colour'");
  });

  it.each(['/products/00974', '/customers/00974', '/products/+5', '/customers/0'])('%s is a 400 on every id route', async (path) => {
    const res = await requestVariant(t.app, 'optimized', path, { token: viewer });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
  });
});

describe('methods', () => {
  it('an unsupported method on a known path is a JSON 405 with Allow; an unknown path stays 404', async () => {
    const put = await t.app.request('/optimized/orders', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD');
    expect(await put.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    const del = await t.app.request('/naive/products/12', { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD, PATCH');
    expect((await t.app.request('/nope', { method: 'PUT' })).status).toBe(404);
  });
});

describe('requests the HTTP parser refuses', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await listenApi(testConfig({ port: 0, host: '127.0.0.1' }));
  });
  afterAll(() => server.close());

  /** Sends raw bytes, resolves with the status and body of the response. */
  function raw(request: string): Promise<{ status: number; type: string; body: string }> {
    const { port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('error', reject);
      socket.on('close', () => {
        const [head = '', body = ''] = data.split('\r\n\r\n');
        resolve({ status: Number(head.split(' ')[1]), type: /content-type: ([^\r]+)/i.exec(head)?.[1] ?? '', body });
      });
    });
  }

  it('a URL over the header limit is a JSON 431', async () => {
    const res = await raw(`GET /health?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(res.type).toMatch(/application\/json/);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'headers_too_large' } });
  });

  it('a control character in a header is a JSON 400', async () => {
    const res = await raw('GET /health HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'bad_request' } });
  });
});
