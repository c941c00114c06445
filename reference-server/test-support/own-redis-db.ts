import { inject } from 'vitest';

/**
 * Redis databases a test file keeps to itself, so another file's delete or flush never lands
 * between its miss and its hit (every other file shares db 0). One list, so no number is taken
 * twice; Redis has 16 databases (0-15) by default.
 */
export const OWN_REDIS_DBS = {
  'cache-stampede': 8,
  'catalog-kv': 9,
  'harness-routes': 10,
  'product-detail-cache': 11,
  'cache-invalidation': 12,
  'auth-context': 13,
  'auth-context scratch': 14,
  'read-replica': 15,
} as const;

/** The setup's Redis URL on `owner`'s own database; undefined when the setup found no Redis. */
export function ownRedisDb(owner: keyof typeof OWN_REDIS_DBS): string | undefined {
  const url = inject('redisUrl');
  return url ? `${url.replace(/\/\d*$/, '')}/${OWN_REDIS_DBS[owner]}` : undefined;
}
