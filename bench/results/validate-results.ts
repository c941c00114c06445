import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import schema from './results.schema.json' with { type: 'json' };
import { RESULTS_SCHEMA_VERSION, type Results } from './types.ts';

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

const ajv = new Ajv2020({ allErrors: true, strict: true, discriminator: true });
addFormats(ajv, ['date-time']);
const validate = ajv.compile<Results>(schema);

/** The `$id` of the schema this build reads and writes; it carries the version. */
export const RESULTS_SCHEMA_ID: string = schema.$id;

/**
 * Checks `value` against results.schema.json (compiled once) and returns it typed.
 * A wrong or missing `schemaVersion` is reported alone, since every other path would
 * be noise for a file written by another version.
 *
 * @throws ResultsValidationError listing each failing path, e.g.
 *   "results do not match schema v1: /run/host/cpus must be integer; /scenarios/0 must have required property 'driver'"
 */
export function validateResults(value: unknown): Results {
  const version = typeof value === 'object' && value !== null ? (value as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version !== RESULTS_SCHEMA_VERSION) {
    const found = version === undefined ? 'no schemaVersion' : `schemaVersion ${JSON.stringify(version)}`;
    throw new ResultsValidationError(`results have ${found}; this perflab reads schema version ${RESULTS_SCHEMA_VERSION}`, [
      '/schemaVersion',
    ]);
  }
  if (validate(value)) return value;
  const problems = describe(validate.errors ?? []);
  const shown = problems.slice(0, MAX_PROBLEMS_IN_MESSAGE).join('; ');
  const more = problems.length > MAX_PROBLEMS_IN_MESSAGE ? `; … and ${problems.length - MAX_PROBLEMS_IN_MESSAGE} more` : '';
  throw new ResultsValidationError(`results do not match schema v${RESULTS_SCHEMA_VERSION}: ${shown}${more}`, problems);
}

/** Keeps the CLI's one-line error readable; the error's `problems` keeps them all. */
const MAX_PROBLEMS_IN_MESSAGE = 8;

/** One line per failing path, worded for a person reading a CLI error. */
function describe(errors: ErrorObject[]): string[] {
  const lines = errors.map((error) => {
      const path = error.instancePath || '/';
      switch (error.keyword) {
        case 'required':
          return `${error.instancePath}/${String(error.params.missingProperty)} is missing`;
        case 'additionalProperties':
          return `${path} has unknown property '${String(error.params.additionalProperty)}'`;
        case 'enum':
          return `${path} must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
        default:
          return `${path} ${error.message ?? 'is invalid'}`;
      }
    });
  return [...new Set(lines)];
}
