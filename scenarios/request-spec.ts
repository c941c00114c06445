import { mainTenant, query } from './request-helpers.ts';
import type { CatalogEntry, Fixtures, RequestContext, RequestSpec, Rnd, Variant } from './types.ts';

/**
 * One request of `variant`, as both drivers send it: the contract's method on
 * `/<variant><route>` with the drawn params filled in and the query appended, the bearer token
 * of the main tenant's user of the drawn role (the contract's by default), a JSON body.
 */
export function buildRequestSpec(entry: CatalogEntry, variant: Variant, fx: Fixtures, rnd: Rnd, ctx: RequestContext): RequestSpec {
  const parts = entry.buildRequest(variant, fx, rnd, ctx);
  const headers: Record<string, string> = {
    authorization: `Bearer ${mainTenant(fx).tokens[parts.role ?? entry.role]}`,
    ...parts.headers,
  };
  const path = `/${variant}${fillRoute(entry.route, parts.params ?? {})}${query(parts.query ?? {})}`;
  const spec: RequestSpec = { method: entry.method, path, headers };
  if (parts.body !== undefined) {
    headers['content-type'] = 'application/json';
    spec.body = JSON.stringify(parts.body);
  }
  return spec;
}

/** `/products/:id` + `{ id: 7 }` → `/products/7`; a segment without a value is a builder bug. */
export function fillRoute(route: string, params: Record<string, string | number>): string {
  return route.replace(/:([A-Za-z]\w*)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`route ${route}: the request builder gave no value for :${name}`);
    return encodeURIComponent(String(value));
  });
}
