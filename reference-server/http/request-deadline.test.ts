import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { handleError, HttpError } from './errors.ts';
import { requestDeadline, type DeadlineVariables } from './request-deadline.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function appWith(handler: (signal: AbortSignal) => Promise<Response>) {
  const app = new Hono<{ Variables: DeadlineVariables }>();
  app.use(requestDeadline(50, 200));
  app.get('/', (c) => handler(c.get('signal')));
  app.onError(handleError);
  return app;
}

describe('requestDeadline', () => {
  it('leaves a request that ends in time alone, its signal never aborted', async () => {
    let signal: AbortSignal | undefined;
    const res = await appWith(async (s) => ((signal = s), Response.json({ ok: true }))).request('/');
    expect([res.status, await res.json(), signal?.aborted]).toEqual([200, { ok: true }, false]);
  });

  it('aborts the signal at the deadline and sends what a handler that stops says it did', async () => {
    let written = 0;
    const res = await appWith(async (signal) => {
      while (!signal.aborted) (written += 1), await pause(5);
      throw new HttpError(503, 'timeout', `stopped after ${written} steps`, { written });
    }).request('/');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { details: { written: number } } };
    expect(body.error.details.written).toBe(written);
  });

  it('answers the generic 503 when the handler ignores the signal past the grace period', async () => {
    let aborted: boolean | undefined;
    const res = await appWith(async (signal) => (await pause(400), (aborted = signal.aborted), Response.json({ late: true }))).request('/');
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([503, 'timeout']);
    await pause(250);
    expect(aborted).toBe(true);
  });
});
