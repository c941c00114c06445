import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import committed from './results.schema.json' with { type: 'json' };
import { REGENERATE_SCHEMA_COMMAND, resultsJsonSchemaText } from './results-json-schema.ts';
import { syntheticResults } from '../test-support/synthetic-results.ts';
import { RESULTS_SCHEMA_VERSION, type Results } from './types.ts';
import { RESULTS_SCHEMA_ID } from './validate-results.ts';

const good: Results = syntheticResults();
const clone = (): Record<string, any> => JSON.parse(JSON.stringify(good));
type JsonSchema = { [key: string]: unknown; properties?: Record<string, JsonSchema>; $defs?: Record<string, JsonSchema> };

/** Every (path, schema) of a property in the JSON Schema, through nested objects, arrays, unions and $defs. */
function properties(schema: JsonSchema, path = ''): [string, JsonSchema][] {
  const children: [string, JsonSchema][] = Object.entries(schema.properties ?? {}).map(([key, child]) => [`${path}/${key}`, child]);
  const nested = [schema.items, ...((schema.anyOf ?? schema.oneOf ?? []) as JsonSchema[]), ...Object.values(schema.$defs ?? {})].filter((child): child is JsonSchema => typeof child === 'object' && child !== null);
  return [...children, ...children.flatMap(([childPath, child]) => properties(child, childPath)), ...nested.flatMap((child) => properties(child, path))];
}

describe('results.schema.json, generated from results-schema.ts', () => {
  it(`is what the zod schema generates (regenerate it with \`${REGENERATE_SCHEMA_COMMAND}\`)`, async () => {
    const onDisk = await readFile(new URL('./results.schema.json', import.meta.url), 'utf8');
    expect(onDisk === resultsJsonSchemaText(), `bench/results/results.schema.json is stale: run \`${REGENERATE_SCHEMA_COMMAND}\` and commit it`).toBe(true);
  });

  it('carries its version in $id and in the schemaVersion constant', () => {
    expect(committed.$id).toBe(`urn:perflab:results:v${RESULTS_SCHEMA_VERSION}`);
    expect(RESULTS_SCHEMA_ID).toBe(committed.$id);
    expect(committed.properties.schemaVersion.const).toBe(RESULTS_SCHEMA_VERSION);
  });

  it('documents every property and every shared definition', () => {
    const all = properties(committed as JsonSchema);
    expect(all.length).toBeGreaterThan(100);
    const documented = (schema: JsonSchema): boolean => typeof schema.description === 'string' || (typeof schema.$ref === 'string' && typeof (committed as JsonSchema).$defs?.[schema.$ref.replace('#/$defs/', '')]?.description === 'string') || schema.items !== undefined && documented(schema.items as JsonSchema);
    expect(all.filter(([, schema]) => !documented(schema)).map(([path]) => path)).toEqual([]);
  });

  describe('read by a generic JSON Schema validator (ajv, draft 2020-12), as outside consumers will', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv, ['date-time']);
    const validate = ajv.compile(committed);

    it('accepts a complete document', () => {
      expect(validate(clone()), JSON.stringify(validate.errors)).toBe(true);
    });

    it('rejects a missing aggregate, an unknown property, a wrong type and a wrong driver', () => {
      const copy = clone();
      delete copy.variants[0].latencyMs;
      copy.scenarios[0].server.latency = 1;
      copy.run.host.cpus = '2';
      copy.comparisons[0].driver = 'jmeter';
      expect(validate(copy)).toBe(false);
      const failures = (validate.errors ?? []).map((error) => `${error.instancePath} ${error.keyword}`);
      expect(failures).toEqual(
        expect.arrayContaining(['/variants/0 required', '/scenarios/0/server additionalProperties', '/run/host/cpus type', '/comparisons/0/driver enum']),
      );
    });
  });
});
