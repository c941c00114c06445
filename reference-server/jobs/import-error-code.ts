/** SQLSTATE → condition name (PostgreSQL Appendix A) for the failures an import can meet. */
const CONDITIONS: Record<string, string> = {
  '23505': 'unique_violation',
  '23503': 'foreign_key_violation',
  '23502': 'not_null_violation',
  '23514': 'check_violation',
  '22001': 'string_data_right_truncation',
  '22003': 'numeric_value_out_of_range',
  '22P02': 'invalid_text_representation',
  '40001': 'serialization_failure',
  '40P01': 'deadlock_detected',
  '53100': 'disk_full',
  '53300': 'too_many_connections',
  '57014': 'query_canceled',
  '57P01': 'admin_shutdown',
};

/**
 * What `jobs.error` stores and `GET /jobs/:id` returns: a stable code (`import_failed:
 * unique_violation`), never the driver's text, which names tables, constraints and values.
 */
export function importErrorCode(error: unknown): string {
  const sqlState = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof sqlState !== 'string') return 'import_failed: internal_error';
  const condition = CONDITIONS[sqlState] ?? (sqlState.startsWith('08') ? 'connection_exception' : `sqlstate_${sqlState}`);
  return `import_failed: ${condition}`;
}
