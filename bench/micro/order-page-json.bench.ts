import { isDeepStrictEqual } from 'node:util';
import fastJson, { type Schema } from 'fast-json-stringify';
import { defineSuite } from './micro-suite.ts';
import { orderPage } from './micro-inputs.ts';

const integer = { type: 'integer' as const };
const string = { type: 'string' as const };

/** The JSON Schema of GET /orders' body (orders-with-items OrderPage), the one fast-json-stringify compiles. */
export const orderPageJsonSchema = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    nextCursor: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'status', 'totalCents', 'createdAt', 'customer', 'items'],
        properties: {
          id: integer,
          status: string,
          totalCents: integer,
          createdAt: string,
          customer: { type: 'object', required: ['id', 'name', 'email'], properties: { id: integer, name: string, email: string } },
          items: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'productId', 'quantity', 'unitPriceCents', 'product'],
              properties: {
                id: integer,
                productId: integer,
                quantity: integer,
                unitPriceCents: integer,
                product: { type: 'object', required: ['id', 'sku', 'name'], properties: { id: integer, sku: string, name: string } },
              },
            },
          },
        },
      },
    },
  },
} satisfies Schema;

export default defineSuite({
  id: 'order-page-json',
  title: 'GET /orders body: JSON of a 50-order page',
  factor: 'serializer: generic JSON.stringify vs a serializer compiled from the response schema',
  async setup() {
    const page = orderPage();
    const compiled = fastJson(orderPageJsonSchema);
    // both must write the same document, or the comparison measures two different answers
    if (!isDeepStrictEqual(JSON.parse(compiled(page)), JSON.parse(JSON.stringify(page)))) throw new Error('fast-json-stringify output differs from JSON.stringify');
    return [
      { name: 'json-stringify', fn: () => JSON.stringify(page) },
      { name: 'fast-json-stringify', fn: () => compiled(page) },
    ];
  },
  pairs: [{ baseline: 'json-stringify', candidate: 'fast-json-stringify' }],
});
