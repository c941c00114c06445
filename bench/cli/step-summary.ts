import { appendFile, readFile } from 'node:fs/promises';

/**
 * On GitHub Actions, `$GITHUB_STEP_SUMMARY` names a file whose Markdown becomes the job's
 * summary page: results.md is appended there (other steps may have written before us).
 * Returns the path written, or null when the variable is unset or there is no results.md.
 */
export async function appendStepSummary(env: NodeJS.ProcessEnv, files: readonly string[]): Promise<string | null> {
  const target = env.GITHUB_STEP_SUMMARY;
  const markdown = files.find((file) => file.endsWith('results.md'));
  if (!target || !markdown) return null;
  await appendFile(target, `${await readFile(markdown, 'utf8')}\n`);
  return target;
}
