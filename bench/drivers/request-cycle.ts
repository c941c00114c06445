import type { RequestSpec } from './types.ts';

/** One request ready to send: method, full path (base path kept), headers, body. */
export interface CycledRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/**
 * Walks a pre-expanded request list in order, round and round, from one shared cursor (all
 * connections draw from it). `prefix` keeps a base URL's path. A spec's `uniqueToken` is replaced
 * by a per-request value, so writes never repeat a key.
 */
export function createRequestCycle(specs: RequestSpec[], prefix: string): () => CycledRequest {
  if (specs.length === 0) throw new Error('no requests to send');
  const nonce = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  let cursor = 0;
  let sequence = 0;
  return () => {
    const spec = specs[cursor++ % specs.length] as RequestSpec;
    const token = spec.uniqueToken;
    if (!token) return { method: spec.method, path: prefix + spec.path, headers: spec.headers, body: spec.body };
    const unique = `${nonce}-${sequence++}`;
    const headers = Object.fromEntries(Object.entries(spec.headers).map(([k, v]) => [k, v.replaceAll(token, unique)]));
    return { method: spec.method, path: prefix + spec.path, headers, body: spec.body?.replaceAll(token, unique) };
  };
}

/** The path of a base URL without trailing slashes (autocannon would drop it, unlike k6 and wrk). */
export function basePath(baseUrl: string): string {
  return new URL(baseUrl).pathname.replace(/\/+$/, '');
}
