import type { z } from 'zod';
import { RESULTS_SCHEMA_VERSION, resultsSchema, type Results } from './results-schema.ts';

/** A results document that does not match the schema; `message` is one line naming every failing path. */
export class ResultsValidationError extends Error {
  override name = 'ResultsValidationError';
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
  }
}

/** The `$id` of the schema this build reads and writes; it carries the version. */
export const RESULTS_SCHEMA_ID = `urn:perflab:results:v${RESULTS_SCHEMA_VERSION}`;

/**
 * Checks `value` against the results schema and returns it typed. A wrong or missing
 * `schemaVersion` is reported alone, since every other path would be noise for a file
 * written by another version.
 *
 * @throws ResultsValidationError listing each failing path, e.g.
 *   "results do not match schema v2: /run/host/cpus must be integer; /scenarios/0/driver is missing"
 */
export function validateResults(value: unknown): Results {
  const version = typeof value === 'object' && value !== null ? (value as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version !== RESULTS_SCHEMA_VERSION) {
    const found = version === undefined ? 'no schemaVersion' : `schemaVersion ${JSON.stringify(version)}`;
    const older = typeof version === 'number' && version < RESULTS_SCHEMA_VERSION;
    const message = older
      ? `results have ${found}, from an older perflab; this perflab reads schema version ${RESULTS_SCHEMA_VERSION} (run the benchmark again)`
      : `results have ${found}; this perflab reads schema version ${RESULTS_SCHEMA_VERSION}`;
    throw new ResultsValidationError(message, ['/schemaVersion']);
  }
  const parsed = resultsSchema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const problems = [...new Set(parsed.error.issues.flatMap(describe))];
  const shown = problems.slice(0, MAX_PROBLEMS_IN_MESSAGE).join('; ');
  const more = problems.length > MAX_PROBLEMS_IN_MESSAGE ? `; … and ${problems.length - MAX_PROBLEMS_IN_MESSAGE} more` : '';
  throw new ResultsValidationError(`results do not match schema v${RESULTS_SCHEMA_VERSION}: ${shown}${more}`, problems);
}

/** Keeps the CLI's one-line error readable; the error's `problems` keeps them all. */
const MAX_PROBLEMS_IN_MESSAGE = 8;

/** One line per failing path, worded for a person reading a CLI error (JSON Pointer paths). */
function describe(issue: z.core.$ZodIssue): string[] {
  const path = issue.path.length > 0 ? `/${issue.path.map(String).join('/')}` : '/';
  if (issue.code !== 'unrecognized_keys' && 'input' in issue && issue.input === undefined) return [`${path} is missing`];
  switch (issue.code) {
    case 'invalid_type':
      return [`${path} must be ${issue.expected === 'int' ? 'integer' : issue.expected}`];
    case 'unrecognized_keys':
      return issue.keys.map((key) => `${path} has unknown property '${key}'`);
    case 'invalid_value':
      return [`${path} must be one of ${issue.values.map(String).join(', ')}`];
    case 'invalid_format':
      return [`${path} must be a ${issue.format} string`];
    case 'too_small':
      return [`${path} must be ${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}`];
    case 'too_big':
      return [`${path} must be ${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}`];
    case 'invalid_union':
      return [discriminatorProblem(path, issue) ?? `${path} matches none of its forms`];
    default:
      return [`${path} ${issue.message}`];
  }
}

/** A discriminated union (loadModel's `type`) names its field and its allowed values; zod reports the whole object as input. */
function discriminatorProblem(path: string, issue: z.core.$ZodIssueInvalidUnion): string | null {
  const { discriminator, options, input } = issue as { discriminator?: unknown; options?: unknown; input?: unknown };
  if (typeof discriminator !== 'string' || !Array.isArray(options)) return null;
  const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[discriminator] : undefined;
  return value === undefined ? `${path} is missing` : `${path} must be one of ${options.map(String).join(', ')}`;
}
