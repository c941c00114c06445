import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHistogram } from './hdr.ts';
import { liveAutocannonChildren, runAutocannon } from './autocannon.ts';
import { closedPort, isAlive, startTestServer } from '../test-support/test-server.ts';
import type { TickEvent } from './types.ts';

const noop = { method: 'GET' as const, path: '/noop', headers: {} };
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('autocannon driver', () => {
  it('returns internally consistent figures at µs resolution (closed model)', async () => {
    const ticks: TickEvent[] = [];
    const out = await runAutocannon(
      { baseUrl: server.baseUrl, requests: [noop, { method: 'GET', path: '/missing', headers: {} }], model: { type: 'closed', connections: 2 }, durationSec: 2 },
      { onTick: (t) => ticks.push(t) },
    );
    expect(out.requests).toBeGreaterThan(0);
    expect(out.perSecond).toHaveLength(2);
    // every other request goes to a 404 route, cycled over one shared list: only the 2xx count
    expect(out.perSecond.reduce((a, b) => a + b, 0)).toBe(out.succeeded);
    expect(out.throughput).toBe(out.succeeded / 2);
    expect(Math.abs(out.non2xx - out.requests / 2)).toBeLessThanOrEqual(2);
    expect(out.statusClasses).toEqual({ '2xx': out.succeeded, '3xx': 0, '4xx': out.non2xx, '5xx': 0, transport: 0 });
    expect(out.succeeded + out.failed).toBe(out.requests);
    expect(out.errors).toBe(0);
    const l = out.latencyMs;
    expect(l.p50).toBeGreaterThan(0);
    expect(l.p50).toBeLessThanOrEqual(l.p99);
    expect(l.p99).toBeLessThanOrEqual(l.max);
    // sub-ms latencies are kept, not rounded to whole ms
    expect(Number.isInteger(l.p50)).toBe(false);
    expect(decodeHistogram(out.histogram ?? '').totalCount).toBe(out.succeeded);
    expect(decodeHistogram(out.failureHistogram ?? '').totalCount).toBe(out.non2xx);
    // one window, one tick per second of it: the driver runs no warm-up of its own
    expect(ticks).toEqual(out.perSecond.map((reqPerSec, second) => ({ second, reqPerSec })));
    expect(out.generator.cpuCores).toBeGreaterThan(0);
    expect(out.generator.offeredRate).toBeNull();
  });

  it('counts transport errors against a closed port', async () => {
    const port = await closedPort();
    const out = await runAutocannon({ baseUrl: `http://127.0.0.1:${port}`, requests: [noop], model: { type: 'closed', connections: 1 }, durationSec: 1 });
    expect(out.requests).toBe(0);
    expect(out.errors).toBeGreaterThan(0);
    expect(out.statusClasses.transport).toBe(out.errors);
    expect(out.failureRate).toBe(1);
    expect(out.histogram).toBeNull();
  });

  it('open model delivers the offered rate, every request sent', async () => {
    const out = await runAutocannon({ baseUrl: server.baseUrl, requests: [noop], model: { type: 'open', rate: 100, maxConnections: 4 }, durationSec: 2 });
    expect(out.generator.offeredRate).toBe(100);
    expect(out.succeeded).toBe(200);
    expect(out.generator.deliveredRate).toBe(100);
    expect(out.generator.droppedIterations).toBe(0);
    expect(out.generator.rateHeld).toBe(true);
    expect(out.generator.saturated).toBe(out.generator.cpuCores >= 0.9);
  });

  it('flags an offered rate that cannot be delivered', async () => {
    const out = await runAutocannon({ baseUrl: server.baseUrl, requests: [noop], model: { type: 'open', rate: 5_000_000, maxConnections: 1 }, durationSec: 1 });
    expect(out.generator.deliveredRate).toBeLessThan(0.95 * 5_000_000);
    expect(out.generator.rateHeld).toBe(false);
    expect(out.generator.reason).toMatch(/delivered .* of 5000000 offered/);
  });

  it('replaces the unique token per request so writes never repeat a key', async () => {
    const spec = { method: 'POST' as const, path: '/naive/imports', headers: { 'idempotency-key': 'k-TOKEN' }, body: '{"sku":"TOKEN"}', uniqueToken: 'TOKEN' };
    const bodies: string[] = [];
    const capture = (req: import('node:http').IncomingMessage) => {
      if (req.url === '/health') return; // the open-model scheduler's connection probes
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => bodies.push(`${req.headers['idempotency-key']}|${body}`));
    };
    server.server.on('request', capture);
    try {
      await runAutocannon({ baseUrl: server.baseUrl, requests: [spec], model: { type: 'open', rate: 20, maxConnections: 1 }, durationSec: 1 });
    } finally {
      server.server.off('request', capture);
    }
    expect(bodies.length).toBeGreaterThan(5);
    expect(new Set(bodies).size).toBe(bodies.length);
    expect(bodies.every((b) => !b.includes('TOKEN'))).toBe(true);
  });

  it('keeps one generator process from window to window instead of starting one per window', async () => {
    const window = () => runAutocannon({ baseUrl: server.baseUrl, requests: [noop], model: { type: 'closed', connections: 1 }, durationSec: 1 });
    await window();
    const first = [...liveAutocannonChildren];
    expect(first).toHaveLength(1);
    const out = await window();
    expect(out.succeeded).toBeGreaterThan(0);
    expect([...liveAutocannonChildren]).toEqual(first);
  });

  it('abort kills the child and rejects; no orphan process', async () => {
    const controller = new AbortController();
    const run = runAutocannon({ baseUrl: server.baseUrl, requests: [noop], model: { type: 'closed', connections: 1 }, durationSec: 30 }, { signal: controller.signal });
    // the one process, kept from an earlier window or started for this one
    expect(liveAutocannonChildren.size).toBe(1);
    const pid = [...liveAutocannonChildren][0];
    setTimeout(() => controller.abort(new Error('stopped by test')), 500);
    await expect(run).rejects.toThrow('stopped by test');
    await expect.poll(() => isAlive(pid as number), { timeout: 5000 }).toBe(false);
    expect(liveAutocannonChildren.size).toBe(0);
  });

  it('rejects bad input before starting a process', () => {
    expect(() => runAutocannon({ baseUrl: server.baseUrl, requests: [noop], model: { type: 'closed', connections: 0 }, durationSec: 1 })).toThrow(/connections must be a positive integer/);
    expect(() => runAutocannon({ baseUrl: server.baseUrl, requests: [], model: { type: 'closed', connections: 1 }, durationSec: 1 })).toThrow(/requests must not be empty/);
  });
});
