import { isDeepStrictEqual } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { z } from 'zod';
import { checkRows } from '../../reference-server/jobs/import-rows.ts';
import { productAmount, productText } from '../../reference-server/http/product-fields.ts';
import { defineSuite } from './micro-suite.ts';
import { importRows } from './micro-inputs.ts';

/** import-rows.ts's row rule, rebuilt from the same exported fields, so one JSON Schema can describe it. */
const rowSchema = z.strictObject({ sku: productText, name: productText, priceCents: productAmount, stock: productAmount });
const bodyRows = z.array(rowSchema);

/** The bulk-import body check (POST /imports/products, 1000 valid rows): zod at run time vs ajv compiled from zod's own JSON Schema. */
export default defineSuite({
  id: 'import-rows-validation',
  title: 'Bulk-import body validation, 1000 rows',
  factor: 'validator: zod (interpreted schema) vs ajv (code generated from z.toJSONSchema of the same schema)',
  async setup() {
    const rows = JSON.parse(JSON.stringify(importRows())) as unknown[];
    // io 'input': refinements (no NUL, trim) have no JSON Schema form; the rows hold none, and both sides accept them all
    const validate = new Ajv2020({ allErrors: false }).compile(z.toJSONSchema(bodyRows, { io: 'input', unrepresentable: 'any' }));
    const zodRows = bodyRows.safeParse(rows);
    if (!zodRows.success || !validate(rows) || !isDeepStrictEqual(zodRows.data, rows)) throw new Error('zod and ajv disagree on the fixture rows');
    return [
      { name: 'zod-safe-parse', fn: () => bodyRows.safeParse(rows).success },
      { name: 'ajv-compiled', fn: () => validate(rows) },
      { name: 'app-check-rows', fn: () => checkRows(rows).ok },
    ];
  },
  pairs: [{ baseline: 'zod-safe-parse', candidate: 'ajv-compiled' }],
});
