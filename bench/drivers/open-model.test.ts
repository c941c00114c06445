import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAutocannon } from './autocannon.ts';
import { startTestServer } from '../test-support/test-server.ts';

// long enough that this shared 2-core host's scheduling noise stays well under half of it
const SERVICE_MS = 50;
const slow = { method: 'GET' as const, path: `/delay/${SERVICE_MS}`, headers: {} };
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Runs the open model and records when each request reached the server (ms, server clock). */
async function openRun(rate: number, maxConnections: number, durationSec: number) {
  const arrivals: number[] = [];
  // the scheduler's /health probes open the connections before the window: not arrivals
  const record = (req: IncomingMessage) => req.url !== '/health' && arrivals.push(performance.now());
  server.server.on('request', record);
  try {
    const out = await runAutocannon({ baseUrl: server.baseUrl, requests: [slow], model: { type: 'open', rate, maxConnections }, durationSec });
    return { out, arrivals };
  } finally {
    server.server.off('request', record);
  }
}

describe('autocannon driver, open model (arrivals at the offered rate)', () => {
  it('at 50% utilisation p50 stays near the service time and arrivals are evenly spaced', async () => {
    // 4 connections × (1000 / 50 ms) = 80 req/s of capacity; 40 req/s offered = 50%
    const { out, arrivals } = await openRun(40, 4, 3);
    expect(out.latencyMs.p50).toBeGreaterThanOrEqual(SERVICE_MS);
    expect(out.latencyMs.p50).toBeLessThanOrEqual(1.5 * SERVICE_MS);
    expect(out.generator.droppedIterations).toBe(0);
    // evenly spaced: every 250 ms of the window sees ~10 arrivals (autocannon's overallRate sent
    // each connection's share back to back: ~20, 20, then 0–3, 0–3 in every second); the upper
    // bound leaves room for a catch-up after this shared host stalls the generator
    const first = arrivals[0] ?? 0;
    const slots = new Array(12).fill(0);
    for (const t of arrivals) {
      const slot = Math.floor((t - first) / 250);
      if (slot < slots.length) slots[slot]++;
    }
    expect(Math.max(...slots)).toBeLessThanOrEqual(20);
    expect(Math.min(...slots)).toBeGreaterThanOrEqual(5);
  });

  it('latency counts from the intended send time: a queue behind a busy connection shows, and unsent requests are dropped', async () => {
    // 1 connection × 20 req/s of capacity at 40 req/s offered: the queue grows all window long
    const { out } = await openRun(40, 1, 2);
    expect(out.latencyMs.p50).toBeGreaterThan(5 * SERVICE_MS);
    expect(out.generator.droppedIterations).toBeGreaterThan(20);
    expect(out.generator.rateHeld).toBe(false);
  });
});
