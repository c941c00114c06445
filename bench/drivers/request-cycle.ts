import { fillUnique } from '../../scenarios/expand.ts';
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
 * by a per-request value, so a key that must not repeat never does.
 */
export function createRequestCycle(specs: RequestSpec[], prefix: string): () => CycledRequest {
  if (specs.length === 0) throw new Error('no requests to send');
  const nonce = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  let cursor = 0;
  let sequence = 0;
  return () => {
    const listed = specs[cursor++ % specs.length] as RequestSpec;
    const spec = listed.uniqueToken ? fillUnique(listed, `${nonce}-${sequence++}`) : listed;
    return { method: spec.method, path: prefix + spec.path, headers: spec.headers, body: spec.body };
  };
}

/** The path of a base URL without trailing slashes (autocannon would drop it, unlike k6 and wrk). */
export function basePath(baseUrl: string): string {
  return new URL(baseUrl).pathname.replace(/\/+$/, '');
}
