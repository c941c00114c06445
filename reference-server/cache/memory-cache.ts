import { ScriptsNeedRedisError, type CacheBackend } from './types.ts';

interface Entry {
  value: string;
  expiresAt: number;
}

/** Redis-like glob (`*`, `?`, `[…]`) as an anchored RegExp. */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else if (ch === '[' || ch === ']') source += ch;
    else source += ch.replace(/[.+^${}()|\\/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

/** The fallback when no Redis is reachable: a Map with lazy TTL expiry, per process. */
export function createMemoryBackend(now: () => number = Date.now): CacheBackend {
  const entries = new Map<string, Entry>();
  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  return {
    backend: 'in-process',
    get: async (key) => live(key)?.value ?? null,
    set: async (key, value, ttlSec) => void entries.set(key, { value, expiresAt: now() + ttlSec * 1000 }),
    del: async (...keys) => keys.filter((key) => live(key) && entries.delete(key)).length,
    keys: async (pattern) => {
      const re = globToRegExp(pattern);
      return [...entries.keys()].filter((key) => live(key) && re.test(key));
    },
    incr: async (key) => {
      const next = Number(live(key)?.value ?? 0) + 1;
      entries.set(key, { value: String(next), expiresAt: Number.POSITIVE_INFINITY });
      return next;
    },
    runScript: async () => {
      throw new ScriptsNeedRedisError();
    },
    ping: async () => true,
    close: async () => entries.clear(),
  };
}
