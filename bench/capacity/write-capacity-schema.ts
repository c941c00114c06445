import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { capacityJsonSchemaText } from './capacity-schema.ts';

/** Regenerates the committed capacity.schema.json (`node --import tsx bench/capacity/write-capacity-schema.ts`). */
const target = fileURLToPath(new URL('./capacity.schema.json', import.meta.url));
writeFileSync(target, capacityJsonSchemaText());
process.stdout.write(`${target}\n`);
