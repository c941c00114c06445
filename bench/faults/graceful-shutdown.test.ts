import { Agent, request } from 'node:http';
import { expect, it } from 'vitest';
import { listenApi } from '../../reference-server/server.ts';
import { tenantAt, testConfig, tokenFor } from '../../reference-server/test-support/index.ts';

interface Outcome {
  status?: number;
  connection?: string | undefined;
  /** Set when the request failed; `retryable` per the Node docs: ECONNRESET on a reused keep-alive socket (never processed). */
  error?: { code: string | undefined; retryable: boolean };
}

function get(agent: Agent, url: string, token: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: { code: error.code, retryable: false } }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: { code: error.code, retryable: req.reusedSocket && error.code === 'ECONNRESET' } }));
    req.end();
  });
}

it('on close: keep-alive clients are told Connection: close, in-flight requests finish, and it does not wait out the grace period', async () => {
  const server = await listenApi(testConfig({ redisUrl: undefined, dbPoolMax: 4 }));
  const token = tokenFor(await tenantAt(0));
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  let answered = 0;
  let closing: Promise<void> | undefined;
  const outcomes: Outcome[] = [];
  const client = async () => {
    for (;;) {
      const outcome = await get(agent, `${server.url}/naive/orders?limit=5`, token);
      if (outcome.error?.retryable) continue;
      outcomes.push(outcome);
      if (outcome.error) return;
      answered += 1;
      if (answered === 20) closing = server.close(60_000);
    }
  };
  try {
    await Promise.all(Array.from({ length: 4 }, client));
    await closing;
    const failures = outcomes.filter((o) => o.error).map((o) => o.error?.code);
    // each client ends on a refused connect: the server stopped listening, nothing was cut
    expect(failures).toEqual(['ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED']);
    expect(outcomes.filter((o) => !o.error).every((o) => o.status === 200)).toBe(true);
    expect(outcomes.filter((o) => o.connection === 'close').length).toBeGreaterThanOrEqual(1);
  } finally {
    agent.destroy();
    await server.close(0);
  }
}, 30_000);
