import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gateJsonSchemaText } from './gate-json-schema.ts';

/** Regenerates the committed gate.schema.json from gate-schema.ts. */
const target = fileURLToPath(new URL('./gate.schema.json', import.meta.url));
writeFileSync(target, gateJsonSchemaText());
process.stdout.write(`${target}\n`);
