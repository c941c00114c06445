import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { naive } from '../comparisons/connection-per-request.ts';
import type { Ctx } from '../comparisons/types.ts';
import { newRequestMetrics, withRequestMetrics } from '../http/request-metrics.ts';
import { testConfig } from '../test-support/index.ts';
import { createDatabase } from './client.ts';

const config = { databaseUrl: inject('databaseUrl'), dbPoolMax: 1, statementTimeoutMs: 5_000 };
const database = createDatabase(config);
afterAll(() => database.close());

/** Resolves to how `work` ended, or 'pending' if it is still running after `ms` (a hang, not a slow query). */
async function outcomeWithin(work: Promise<unknown>, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise<string>((resolve) => (timer = setTimeout(resolve, ms, 'pending')));
  const settled = work.then(
    () => 'resolved',
    () => 'rejected',
  );
  try {
    return await Promise.race([settled, pending]);
  } finally {
    clearTimeout(timer);
  }
}

// Regression for e46614c: postgres.js 3.4.9 leaves a query cancelled while its connection is
// still starting up (TCP, auth, pg_type lookup) pending forever and never ends that connection,
// so a connection-per-request naive request cut at a window's end never finished: its
// `sql.end()` waited for that connection. Reverting counted-sql's `this.state?.pid` guard fails this.
describe('a request aborted while its new connection starts up', () => {
  // the handler uses only connect() and the principal
  const ctx = { connect: database.connect, config: testConfig(), principal: { userId: 1, tenantId: 1, role: 'viewer' } } as unknown as Ctx;

  // after one turn the socket is at most connecting; after three, the server is still answering the auth exchange
  it.each([1, 3])('settles (abort after %i event-loop turn(s)): the naive connection-per-request handler returns or throws', async (turns) => {
    const controller = new AbortController();
    const metrics = newRequestMetrics();
    metrics.signal = controller.signal;
    const request = withRequestMetrics(metrics, () => naive(ctx, { id: 1 }));
    for (let i = 0; i < turns; i += 1) await nextTurn();
    controller.abort(new Error('request timed out'));
    expect(await outcomeWithin(request, 5_000)).not.toBe('pending');
  });
});
