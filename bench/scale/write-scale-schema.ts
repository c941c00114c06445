import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scaleJsonSchemaText } from './scale-schema.ts';

/** Regenerates the committed scale.schema.json (`node --import tsx bench/scale/write-scale-schema.ts`). */
const target = fileURLToPath(new URL('./scale.schema.json', import.meta.url));
writeFileSync(target, scaleJsonSchemaText());
process.stdout.write(`${target}\n`);
