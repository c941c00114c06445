import { z } from 'zod';
import { resultsSchema } from './results-schema.ts';

/** The command that regenerates the committed results.schema.json. */
export const REGENERATE_SCHEMA_COMMAND = 'npm run schema';

/** The JSON Schema of results.json generated from the zod schema, exactly as results.schema.json commits it. */
export function resultsJsonSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(resultsSchema, { target: 'draft-2020-12' }), null, 2)}\n`;
}
