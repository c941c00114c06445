import type { Context } from 'hono';
import { authenticate } from '../http/auth.ts';
import { HttpError } from '../http/errors.ts';
import { parseJsonBody } from '../http/json-body.ts';
import { sendJson } from '../http/send-json.ts';
import { sendStream } from '../http/send-stream.ts';
import type { Variant } from '../http/stats.ts';
import type { App, AppEnv, Comparison, Deps, RawInput } from './types.ts';

const VARIANTS: readonly Variant[] = ['naive', 'optimized'];

/**
 * Registers `/naive<route>` and `/optimized<route>` of the comparison's contract: authenticate, parse the input once, call the
 * variant, send its JSON (or its stream). Both routes share everything but the variant function, so the data
 * access is the only difference a reader (or a benchmark) sees.
 */
export function mountComparison<I>(app: App, comparison: Comparison<I>, deps: Deps): void {
  const { id, method, route, role } = comparison.contract;
  for (const variant of VARIANTS) {
    app.on(method, `/${variant}${route}`, async (c) => {
      c.set('comparison', { id, variant });
      const principal = await authenticate(c.req.header('authorization'), deps.config.jwtSecret, role);
      const input = comparison.input.parse(await rawInput(c, method));
      const reply = await comparison[variant]({ ...deps, principal, signal: c.get('signal') }, input);
      if (reply.stream) return sendStream(c, reply.stream, reply.status ?? 200, reply.headers);
      return sendJson(c, reply.body, reply.status ?? 200, reply.headers);
    });
  }
}

async function rawInput(c: Context<AppEnv>, method: string): Promise<RawInput> {
  return {
    params: c.req.param() as Record<string, string>,
    query: c.req.query(),
    body: method === 'GET' || method === 'DELETE' ? undefined : await jsonBody(c),
    idempotencyKey: c.req.header('idempotency-key'),
  };
}

async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  const text = await c.req.text();
  if (text.length === 0) return undefined;
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'request body must be application/json');
  }
  return parseJsonBody(text);
}
