import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import committed from './gate.schema.json' with { type: 'json' };
import { gateJsonSchemaText, REGENERATE_GATE_SCHEMA_COMMAND } from './gate-json-schema.ts';
import { renderGateJunit } from './render-gate-junit.ts';
import { renderGateMarkdown } from './render-gate-markdown.ts';
import { runGate } from './run-gate.ts';
import { cleanResults, withInjectedNPlusOne } from './test-support/gate-fixtures.ts';
import { gateReport } from './write-gate-reports.ts';

const baseline = cleanResults();
const report = gateReport(runGate(baseline, withInjectedNPlusOne(baseline), { baseline: 'reports/baselines/main.json', candidate: 'reports/x/results.json' }));

describe('gate.json and its committed JSON Schema', () => {
  it(`gate.schema.json is what the zod schema generates (regenerate: \`${REGENERATE_GATE_SCHEMA_COMMAND}\`)`, async () => {
    const onDisk = await readFile(new URL('./gate.schema.json', import.meta.url), 'utf8');
    expect(onDisk === gateJsonSchemaText(), `bench/gate/gate.schema.json is stale: run \`${REGENERATE_GATE_SCHEMA_COMMAND}\``).toBe(true);
  });

  it('a gate report validates with a generic JSON Schema validator; a wrong status does not', () => {
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(committed);
    const document = JSON.parse(JSON.stringify(report));
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    document.checks[0].status = 'ok';
    expect(validate(document)).toBe(false);
    expect(report).toMatchObject({ verdict: 'regression', exitCode: 1 });
  });
});

describe('gate.md and gate-junit.xml', () => {
  it('gate.md leads with the verdict, then one table row per check, failures first', () => {
    const md = renderGateMarkdown(report);
    const lines = md.split('\n');
    expect(lines[0]).toBe('## ❌ perf gate: regression');
    const rows = lines.filter((line) => line.startsWith('| ') && !line.startsWith('| check'));
    expect(rows.length).toBe(report.checks.length);
    expect(rows[0]).toBe(
      '| queries/request orders-with-items optimized (autocannon) | deterministic | 1 statements | 51 statements | +50 | — | **FAIL** | orders-with-items optimized now runs 51 statements per request, 1 before (+50, the same in every run: exact figures, 0 tolerance) |',
    );
  });

  it('junit has one testcase per check and a failure for the failed one', () => {
    const xml = renderGateJunit(report);
    expect(xml.match(/<testcase /g)?.length).toBe(report.checks.length);
    expect(xml.match(/<failure /g)?.length).toBe(report.checks.filter((c) => c.status === 'fail').length);
    expect(xml).toContain('name="queries/request orders-with-items optimized (autocannon)" time="0">\n      <failure type="regression"');
  });
});
