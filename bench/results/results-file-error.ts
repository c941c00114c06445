/** results.json cannot be used: missing, unreadable, not JSON, or not matching the schema. One line, no stack needed. */
export class ResultsFileError extends Error {
  override name = 'ResultsFileError';
}
