import { describe, expect, it } from 'vitest';
import { OWN_REDIS_DBS } from './own-redis-db.ts';

describe('OWN_REDIS_DBS', () => {
  it('gives each owner a database of its own, none of them the shared db 0, all within Redis\'s default 16', () => {
    const dbs = Object.values(OWN_REDIS_DBS);
    expect(new Set(dbs).size).toBe(dbs.length);
    for (const db of dbs) expect(db).toBeGreaterThanOrEqual(1), expect(db).toBeLessThanOrEqual(15);
  });
});
