import { readFile } from 'node:fs/promises';
import { ResultsFileError } from './results-file-error.ts';
import { validateResults } from './validate-results.ts';
import type { Results } from './types.ts';

/**
 * Reads and validates a results.json.
 * @throws ResultsFileError with a one-line message naming the file and what is wrong with it.
 */
export async function readResults(path: string): Promise<Results> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
    throw new ResultsFileError(`cannot read ${path}: ${why}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ResultsFileError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return validateResults(value);
  } catch (error) {
    throw new ResultsFileError(`${path}: ${(error as Error).message}`);
  }
}
