import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken, DEV_JWT_SECRET } from '../auth/token.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { createTestApp, tenantAt, tokenFor } from '../test-support/index.ts';

describe('the dev JWT secret', () => {
  const base = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };

  it.each(['0.0.0.0', '::', '192.168.1.20', 'example.com'])('is refused when HOST is %s (beyond loopback)', (HOST) => {
    expect(() => loadConfig({ ...base, HOST })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, HOST })).toThrow(/set PERFLAB_JWT_SECRET/);
    expect(() => loadConfig({ ...base, HOST, PERFLAB_JWT_SECRET: DEV_JWT_SECRET })).toThrow(ConfigError);
  });

  it('is accepted on loopback, and any other secret anywhere', () => {
    for (const HOST of ['127.0.0.1', '::1', 'localhost']) expect(loadConfig({ ...base, HOST }).jwtSecret).toBe(DEV_JWT_SECRET);
    expect(loadConfig({ ...base, HOST: '0.0.0.0', PERFLAB_JWT_SECRET: 'a-secret-of-my-own' }).host).toBe('0.0.0.0');
  });
});

describe('/__stats', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reads and resets only with an admin token', async () => {
    const tenant = await tenantAt(0);
    const forged = await signToken({ userId: 1, tenantId: tenant.id, role: 'admin' }, 'not-the-secret');
    const cases: [string | undefined, number][] = [
      [undefined, 401],
      [forged, 401],
      [tokenFor(tenant, 'viewer'), 403],
      [tokenFor(tenant, 'editor'), 403],
      [tokenFor(tenant, 'admin'), 200],
    ];
    for (const [token, status] of cases) {
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      expect((await t.app.request('/__stats', { headers })).status, `GET ${status}`).toBe(status);
      expect((await t.app.request('/__stats/reset', { method: 'POST', headers })).status, `POST ${status}`).toBe(status);
    }
  });
});
