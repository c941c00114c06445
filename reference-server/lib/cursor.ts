/**
 * Keyset cursors for lists ordered by (created_at DESC, id DESC): the last row's key,
 * base64url-encoded JSON. Opaque to clients; decodeCursor rejects anything it did not make.
 */
export interface CursorKey {
  createdAt: string;
  id: number;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.createdAt, key.id])).toString('base64url');
}

// exactly what Date#toISOString writes for years 0001–9999, the only form encodeCursor is given
const ISO_UTC = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * True for a UTC ISO timestamp that names a real instant in years 0001–9999: the round trip
 * through Date refuses what Date.parse would roll over (`2026-02-30` → March 2).
 */
export function isStrictIsoTimestamp(value: string): boolean {
  if (!ISO_UTC.test(value)) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

/** Returns null for a malformed cursor so the caller can answer 400. */
export function decodeCursor(cursor: string): CursorKey | null {
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [createdAt, id] = value as [unknown, unknown];
    if (typeof createdAt !== 'string' || !isStrictIsoTimestamp(createdAt)) return null;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return null;
    return { createdAt, id };
  } catch {
    return null;
  }
}
