import { isLoopbackHost } from '../../lib/loopback.ts';
import { UsageError } from '../../lib/usage-error.ts';

/**
 * Load tests go to loopback unless the user says otherwise: a typo in `--target` must never
 * point a load generator at somebody's production.
 */
export function assertLoadTarget(target: string, allowRemote: boolean): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new UsageError(`--target must be a URL such as http://127.0.0.1:3000, got '${target}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--target must be http:// or https://, got '${url.protocol}'`);
  if (!allowRemote && !isLoopbackHost(url.hostname)) {
    throw new UsageError(`refusing to load ${url.hostname}: it is not a loopback address; pass --allow-remote if you own it`);
  }
  return url;
}
