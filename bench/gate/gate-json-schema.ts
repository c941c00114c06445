import { z } from 'zod';
import { gateReportSchema } from './gate-schema.ts';

/** The command that regenerates the committed gate.schema.json. */
export const REGENERATE_GATE_SCHEMA_COMMAND = 'node --import tsx bench/gate/write-gate-schema.ts';

/** The JSON Schema of gate.json generated from the zod schema, exactly as gate.schema.json commits it. */
export function gateJsonSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(gateReportSchema, { target: 'draft-2020-12' }), null, 2)}\n`;
}
