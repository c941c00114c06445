import { readResults } from '../results/read-results.ts';
import { ResultsFileError } from '../results/results-file-error.ts';
import type { Results } from '../results/types.ts';
import { UsageError } from '../../lib/usage-error.ts';

/** Reads a results.json named on the command line: one that cannot be used is a usage error (one line, exit 2), prefixed with its role when given. */
export async function readResultsArg(path: string, role?: string): Promise<Results> {
  try {
    return await readResults(path);
  } catch (error) {
    if (error instanceof ResultsFileError) throw new UsageError(role ? `${role}: ${error.message}` : error.message);
    throw error;
  }
}
