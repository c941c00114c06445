import type { Context } from 'hono';
import { HttpError, handleError } from './errors.ts';

interface RouteLike {
  method: string;
  path: string;
}

/** Methods of `routes` whose path matches `path` (middleware, `ALL`, is not a route); HEAD goes with GET. */
export function allowedMethods(routes: readonly RouteLike[], path: string): string[] {
  const allowed = new Set<string>();
  for (const route of routes) {
    if (route.method === 'ALL' || !patternOf(route.path).test(path)) continue;
    allowed.add(route.method);
    if (route.method === 'GET') allowed.add('HEAD');
  }
  return [...allowed].sort();
}

const patterns = new Map<string, RegExp>();
function patternOf(path: string): RegExp {
  let pattern = patterns.get(path);
  if (!pattern) {
    const source = path
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    pattern = new RegExp(`^${source}/?$`);
    patterns.set(path, pattern);
  }
  return pattern;
}

/**
 * The app's notFound handler: a path that exists under other methods is a JSON 405 with `Allow`
 * (RFC 9110 §15.5.6), anything else a JSON 404.
 */
export function notFoundOrMethodNotAllowed(routes: () => readonly RouteLike[]) {
  return (c: Context): Response => {
    const allowed = allowedMethods(routes(), c.req.path);
    if (allowed.length === 0) return handleError(new HttpError(404, 'not_found', 'no such route'), c);
    c.header('Allow', allowed.join(', '));
    return handleError(new HttpError(405, 'method_not_allowed', `${c.req.method} is not allowed here (allowed: ${allowed.join(', ')})`), c);
  };
}
