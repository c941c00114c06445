import { sql as dsql } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { createDatabase } from '../db/client.ts';
import { HttpError, toHttpError } from './errors.ts';
import { newRequestMetrics, withRequestMetrics } from './request-metrics.ts';

const database = createDatabase({ databaseUrl: inject('databaseUrl'), dbPoolMax: 1, statementTimeoutMs: 5_000 });
afterAll(() => database.close());

describe('toHttpError', () => {
  it('answers a Drizzle statement stopped by the request\'s own abort with that abort\'s 503, logging nothing', async () => {
    const controller = new AbortController();
    controller.abort(new HttpError(503, 'timeout', 'request timed out'));
    const metrics = newRequestMetrics();
    metrics.signal = controller.signal;
    // Drizzle wraps the reason in a DrizzleQueryError; before, that was an internal 500 with a stack per request
    const error = await withRequestMetrics(metrics, () => database.db.execute(dsql`SELECT 1`).then(() => null, (e: unknown) => e));
    expect(error).toBeInstanceOf(DrizzleQueryError);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const http = toHttpError(error);
      expect([http.status, http.code]).toEqual([503, 'timeout']);
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});
