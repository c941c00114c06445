import type { RawInput } from '../../reference-server/comparisons/types.ts';
import type { RequestSpec } from '../../scenarios/types.ts';

/**
 * What the mount would hand `comparison.input.parse` for this request: route params matched from
 * the path (after the `/<variant>` prefix), the first value of each query parameter, the JSON body.
 * Pure; null when the path does not match the route.
 */
export function rawInputOf(spec: RequestSpec, route: string): RawInput | null {
  const url = new URL(spec.path, 'http://floor.invalid');
  const path = url.pathname.replace(/^\/(naive|optimized)(?=\/)/, '');
  const params = matchRoute(route, path);
  if (!params) return null;
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!(key in query)) query[key] = value;
  const header = (name: string) => Object.entries(spec.headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return { params, query, body: spec.body ? (JSON.parse(spec.body) as unknown) : undefined, idempotencyKey: header('idempotency-key') };
}

/** The bearer token a request carries, to verify once instead of per call. */
export function bearerOf(spec: RequestSpec): string | null {
  const value = Object.entries(spec.headers).find(([key]) => key.toLowerCase() === 'authorization')?.[1];
  return value?.startsWith('Bearer ') ? value.slice('Bearer '.length) : null;
}

function matchRoute(route: string, path: string): Record<string, string> | null {
  const want = route.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = got[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
}
