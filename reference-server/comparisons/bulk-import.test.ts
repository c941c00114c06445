import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signToken, type Role } from '../auth/token.ts';
import { createApp, createRuntime, type Runtime } from '../app.ts';
import { openPool } from '../db/open-pool.ts';
import { jobsExtension } from '../jobs/extension.ts';
import { MAX_IMPORT_ROWS, maxImportBodyBytes, type ImportRow } from '../jobs/import-rows.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../seed/test-support/scratch-database.ts';
import { requestVariant, seededRandom, testConfig } from '../test-support/index.ts';
import type { App } from './types.ts';

// imports write rows and run a pg-boss worker: a database of this file's own
let scratch: ScratchDatabase;
let runtime: Runtime;
let app: App;
let tenantA: number;
let tenantB: number;

beforeAll(async () => {
  scratch = await createScratchDatabase(inject('databaseUrl'));
  runtime = await createRuntime(testConfig({ databaseUrl: scratch.url, redisUrl: undefined }));
  // every connection open now: the worker sharing the pool must never make a counted request open one
  await openPool(runtime.deps.sql, runtime.deps.config.dbPoolMax);
  await jobsExtension.start!(runtime.deps);
  app = createApp(runtime.deps);
  const [a, b] = await runtime.deps.sql<{ id: number }[]>`INSERT INTO tenants (slug, name) VALUES ('a', 'A'), ('b', 'B') RETURNING id`;
  [tenantA, tenantB] = [a!.id, b!.id];
});
afterAll(async () => {
  if (runtime) await jobsExtension.stop!(runtime.deps);
  await runtime?.close();
  await scratch?.drop();
});

const token = (tenantId: number, role: Role = 'editor') => signToken({ userId: 1, tenantId, role }, runtime.deps.config.jwtSecret);
const post = async (variant: 'naive' | 'optimized', tenantId: number, body: unknown, headers: Record<string, string> = {}, role: Role = 'editor') =>
  requestVariant(app, variant, '/imports/products', { method: 'POST', body, headers, token: await token(tenantId, role) });
const rowsOf = (n: number, prefix: string, random = seededRandom(n)): ImportRow[] =>
  Array.from({ length: n }, (_, i) => ({ sku: `${prefix}-${i}`, name: `Item ${i} of ${prefix}`, priceCents: Math.floor(random() * 1e5), stock: Math.floor(random() * 300) }));

async function rowsIn(tenantId: number, prefix: string): Promise<string[]> {
  const rows = await runtime.deps.sql<{ r: string }[]>`
    SELECT concat_ws('|', sku, name, price_cents, stock) AS r FROM imported_products
    WHERE tenant_id = ${tenantId} AND sku LIKE ${`${prefix}-%`} ORDER BY sku`;
  return rows.map((x) => x.r);
}

async function finished(jobId: string, tenantId: number): Promise<{ status: string; total: number; processed: number; error: string | null }> {
  const auth = await token(tenantId, 'viewer');
  for (let i = 0; ; i++) {
    const res = await app.request(`/jobs/${jobId}`, { headers: { authorization: `Bearer ${auth}` } });
    const job = (await res.json()) as { status: string; total: number; processed: number; error: string | null };
    if (job.status === 'succeeded' || job.status === 'failed' || i > 300) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('bulk-import', () => {
  it('leaves the same imported rows from both variants over 20 seeded imports (with SKUs already present)', async () => {
    const random = seededRandom(9);
    const cases = Array.from({ length: 20 }, (_, i) => {
      const rows = rowsOf(1 + Math.floor(random() * 40), `p${i}`, random);
      return { prefix: `p${i}`, rows, existing: Math.min(rows.length, Math.floor(random() * 5)) };
    });
    const jobs: { prefix: string; jobId: string }[] = [];
    for (const { prefix, rows, existing } of cases) {
      for (const tenantId of [tenantA, tenantB]) {
        for (const row of rows.slice(0, existing)) {
          await runtime.deps.sql`INSERT INTO imported_products (tenant_id, sku, name, price_cents, stock) VALUES (${tenantId}, ${row.sku}, 'old', 0, 0)`;
        }
      }
      const naive = await post('naive', tenantA, { rows });
      expect(naive.status).toBe(201);
      expect(naive.body).toEqual({ imported: rows.length - existing });
      const optimized = await post('optimized', tenantB, { rows });
      expect(optimized.status).toBe(202);
      expect(optimized.headers.get('location')).toBe(`/jobs/${optimized.body.jobId}`);
      jobs.push({ prefix, jobId: optimized.body.jobId });
    }
    for (const { prefix, jobId } of jobs) {
      const job = await finished(jobId, tenantB);
      expect(job).toMatchObject({ status: 'succeeded', error: null });
      expect(job.processed).toBe(job.total);
      expect(await rowsIn(tenantB, prefix)).toEqual(await rowsIn(tenantA, prefix));
    }
  });

  it('costs naive 3 statements per row and optimized 4 at any size', async () => {
    for (const n of [1, 10, 40]) expect((await post('naive', tenantA, { rows: rowsOf(n, `qn${n}`) })).queryCount).toBe(3 * n);
    for (const n of [1, 10, 2000]) expect((await post('optimized', tenantA, { rows: rowsOf(n, `qo${n}`) })).queryCount).toBe(4);
  });

  it('returns the same job for a repeated Idempotency-Key and never duplicates rows', async () => {
    const rows = rowsOf(2500, 'idem');
    const headers = { 'idempotency-key': 'import-2025-03-01' };
    const responses = await Promise.all([0, 1, 2].map(() => post('optimized', tenantA, { rows }, headers)));
    const ids = new Set(responses.map((r) => r.body.jobId));
    expect(ids.size).toBe(1);
    const job = await finished([...ids][0]!, tenantA);
    expect(job).toMatchObject({ status: 'succeeded', total: 2500, processed: 2500 });
    const again = await post('optimized', tenantA, { rows }, headers);
    expect(again.body).toEqual({ jobId: [...ids][0], status: 'succeeded' });
    expect(await rowsIn(tenantA, 'idem')).toHaveLength(2500);
    // the key is per tenant: another tenant's identical key is its own job
    expect((await post('optimized', tenantB, { rows: rows.slice(0, 3) }, headers)).body.jobId).not.toBe([...ids][0]);
  });

  it('refuses an Idempotency-Key reused with another body (422) and loses no row silently: 6 concurrent bodies, one key', async () => {
    const headers = { 'idempotency-key': 'six-bodies' };
    const bodies = Array.from({ length: 6 }, (_, i) => ({ rows: rowsOf(50 + i, `six${i}`) }));
    const responses = await Promise.all(bodies.map((body) => post('optimized', tenantA, body, headers)));
    const accepted = responses.flatMap((r, i) => (r.status === 202 ? [i] : []));
    expect(accepted).toHaveLength(1);
    const winner = accepted[0]!;
    const refused = responses.filter((r) => r.status !== 202);
    expect(refused.map((r) => [r.status, r.body.error.code])).toEqual(Array(5).fill([422, 'idempotency_key_reused']));
    const jobId = responses[winner]!.body.jobId;
    expect(await finished(jobId, tenantA)).toMatchObject({ status: 'succeeded', total: 50 + winner, processed: 50 + winner });
    for (let i = 0; i < 6; i++) expect(await rowsIn(tenantA, `six${i}`), `body ${i}`).toHaveLength(i === winner ? 50 + i : 0);
    // the same rows again, keys in another order, are the same request: the same job
    const reordered = bodies[winner]!.rows.map(({ stock, priceCents, name, sku }) => ({ stock, priceCents, name, sku }));
    const again = await post('optimized', tenantA, { rows: reordered }, headers);
    expect([again.status, again.body.jobId]).toEqual([202, jobId]);
  });

  it('accepts the largest valid body (every row and field at its limit, every character escaped); one byte more is 413', async () => {
    const escaped = (text: string) => [...text].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const field = (label: string) => `"${escaped(label.padEnd(200, 'x'))}"`;
    const rows = Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => `{"sku":${field(`lim-${i}-`)},"name":${field(`n${i}`)},"priceCents":2147483647,"stock":2147483647}`);
    const body = `{"rows":[${rows.join(',')}]}`;
    expect(Buffer.byteLength(body)).toBe(maxImportBodyBytes());
    const res = await post('optimized', tenantA, body);
    expect(res.status).toBe(202);
    expect(await finished(res.body.jobId, tenantA)).toMatchObject({ status: 'succeeded', total: MAX_IMPORT_ROWS, processed: MAX_IMPORT_ROWS });
    expect(await rowsIn(tenantA, 'lim')).toHaveLength(MAX_IMPORT_ROWS);
    const over = await post('optimized', tenantA, `${body} `);
    expect([over.status, over.body.error.code]).toEqual([413, 'payload_too_large']);
    expect(over.body.error.message).toContain(String(maxImportBodyBytes()));
  });

  it('answers a token whose tenant does not exist 403 unknown_tenant, not 500', async () => {
    for (const variant of ['naive', 'optimized'] as const) {
      const res = await post(variant, 999_999, { rows: rowsOf(2, 'ghost') });
      expect([res.status, res.body.error.code], variant).toEqual([403, 'unknown_tenant']);
    }
  });

  it('stops a naive import at its request timeout: the 503 tells how many rows were written, and no more are', async () => {
    const hurried = createApp({ ...runtime.deps, config: { ...runtime.deps.config, requestTimeoutMs: 300 } });
    const rows = rowsOf(MAX_IMPORT_ROWS, 'late');
    const res = await requestVariant(hurried, 'naive', '/imports/products', { method: 'POST', body: { rows }, token: await token(tenantA) });
    expect([res.status, res.body.error.code]).toEqual([503, 'timeout']);
    const { imported, total } = res.body.error.details;
    expect(total).toBe(MAX_IMPORT_ROWS);
    expect(imported).toBeLessThan(MAX_IMPORT_ROWS);
    expect(await rowsIn(tenantA, 'late')).toHaveLength(imported);
    // before the fix the handler kept writing after the 503: give it time to show
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await rowsIn(tenantA, 'late')).toHaveLength(imported);
  });

  it('shows a job only to its tenant, and refuses malformed job ids', async () => {
    const { body } = await post('optimized', tenantA, { rows: rowsOf(3, 'own') });
    const get = async (id: string, tenantId: number | null) => {
      const headers: Record<string, string> = tenantId === null ? {} : { authorization: `Bearer ${await token(tenantId, 'viewer')}` };
      return (await app.request(`/jobs/${id}`, { headers })).status;
    };
    expect(await get(body.jobId, tenantA)).toBe(200);
    expect(await get(body.jobId, tenantB)).toBe(404);
    expect(await get(body.jobId, null)).toBe(401);
    expect(await get('00000000-0000-4000-8000-000000000000', tenantA)).toBe(404);
    for (const bad of ['42', 'not-a-uuid', "'%20OR%201=1", 'x'.repeat(5000)]) expect(await get(bad, tenantA)).toBe(400);
  });

  it('refuses bad imports with 400/413/415/422 and precise row details, writing nothing', async () => {
    const good = rowsOf(2, 'never');
    const cases: [string, unknown, number, Record<string, string>?][] = [
      ['no body', undefined, 400],
      ['rows not an array', { rows: 'x' }, 400],
      ['extra top-level key', { rows: good, dryRun: true }, 400],
      ['empty', { rows: [] }, 422],
      ['5001 rows', { rows: rowsOf(5001, 'never') }, 413],
      ['over the byte limit', JSON.stringify({ rows: good, pad: 'x'.repeat(maxImportBodyBytes()) }), 413],
      ['empty sku', { rows: [{ ...good[0], sku: '' }] }, 422],
      ['negative price', { rows: [good[0], { ...good[1], priceCents: -1 }] }, 422],
      ['fractional stock', { rows: [{ ...good[0], stock: 1.5 }] }, 422],
      ['huge price', { rows: [{ ...good[0], priceCents: 1e20 }] }, 422],
      ['string price', { rows: [{ ...good[0], priceCents: '5' }] }, 422],
      ['10k-char name', { rows: [{ ...good[0], name: 'n'.repeat(10_000) }] }, 422],
      ['NUL in name', { rows: [{ ...good[0], name: 'a\u0000b' }] }, 422],
      ['unknown row key', { rows: [{ ...good[0], color: 'red' }] }, 422],
      ['row not an object', { rows: [42] }, 422],
      ['duplicate sku', { rows: [good[0], good[0]] }, 422],
      ['bad Idempotency-Key', { rows: good }, 400, { 'idempotency-key': 'k'.repeat(201) }],
      ['text/plain', 'rows', 415, { 'content-type': 'text/plain' }],
    ];
    for (const [label, body, status, headers] of cases) {
      for (const variant of ['naive', 'optimized'] as const) {
        const res = await post(variant, tenantA, body, headers);
        expect(res.status, `${variant}: ${label}`).toBe(status);
        expect(res.body.error.code, label).toBeTypeOf('string');
      }
    }
    const dup = await post('naive', tenantA, { rows: [good[0], { ...good[1], priceCents: -5 }, good[0]] });
    expect(dup.body.error).toMatchObject({ code: 'invalid_rows', details: [{ row: 1, issue: 'priceCents: must not be negative' }, { row: 2, issue: 'sku: duplicates row 0' }] });
    expect(await rowsIn(tenantA, 'never')).toEqual([]);
  });

  it('refuses viewers (403) and strangers (401); without a running queue, optimized answers 503', async () => {
    for (const variant of ['naive', 'optimized'] as const) {
      expect((await post(variant, tenantA, { rows: rowsOf(1, 'viewer') }, {}, 'viewer')).status).toBe(403);
      expect((await requestVariant(app, variant, '/imports/products', { method: 'POST', body: { rows: rowsOf(1, 'viewer') } })).status).toBe(401);
    }
    const noQueue = createApp({ ...runtime.deps, boss: undefined });
    const res = await requestVariant(noQueue, 'optimized', '/imports/products', { method: 'POST', body: { rows: rowsOf(1, 'viewer') }, token: await token(tenantA) });
    expect([res.status, res.body.error.code]).toEqual([503, 'queue_unavailable']);
    expect(await rowsIn(tenantA, 'viewer')).toEqual([]);
  });
});
