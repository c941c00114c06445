import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resultsJsonSchemaText } from './results-json-schema.ts';

/** Regenerates the committed results.schema.json from results-schema.ts (`npm run schema`). */
const target = fileURLToPath(new URL('./results.schema.json', import.meta.url));
writeFileSync(target, resultsJsonSchemaText());
process.stdout.write(`${target}\n`);
