import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderJunit } from './render-junit.ts';
import { syntheticResults } from '../test-support/synthetic-results.ts';

interface TestCase {
  '@_name': string;
  failure?: { '@_message': string; '@_type': string; '#text'?: string };
}

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' });
  return parser.parse(xml).testsuites as { '@_tests': string; '@_failures': string; testsuite: { '@_name': string; '@_tests': string; '@_failures': string; testcase: TestCase[] }[] };
}

describe('renderJunit', () => {
  const results = syntheticResults();
  const suites = parse(renderJunit(results));

  it('is well-formed XML with one testsuite per comparison', () => {
    expect(suites.testsuite.map((suite) => suite['@_name'])).toEqual(['orders-with-items', 'product-detail-cache']);
  });

  it('has a testcase per threshold of every run plus saturation and decay cases, with consistent counts', () => {
    for (const suite of suites.testsuite) {
      const runs = results.scenarios.filter((run) => run.comparison === suite['@_name']);
      const thresholds = runs.reduce((total, run) => total + run.thresholds.length, 0);
      expect(suite.testcase).toHaveLength(thresholds + 2);
      expect(Number(suite['@_tests'])).toBe(suite.testcase.length);
      expect(Number(suite['@_failures'])).toBe(suite.testcase.filter((testCase) => testCase.failure).length);
      expect(suite.testcase.slice(-2).map((testCase) => testCase['@_name'])).toEqual(['generator not saturated', 'no decay']);
    }
    const all = suites.testsuite.flatMap((suite) => suite.testcase);
    expect(Number(suites['@_tests'])).toBe(all.length);
  });

  it('fails a threshold with its actual value against its condition', () => {
    const failed = suites.testsuite[0]?.testcase.find((testCase) => testCase.failure);
    expect(failed?.['@_name']).toBe('naive autocannon #1: http_req_failed rate<0.01');
    expect(failed?.failure?.['@_message']).toBe('http_req_failed: actual 0.02 does not satisfy rate<0.01');
    expect(failed?.failure?.['@_type']).toBe('threshold');
  });

  it('fails saturation and decay only where a run was flagged, naming the run', () => {
    const [orders, cache] = suites.testsuite;
    expect(orders?.testcase.slice(-2).every((testCase) => !testCase.failure)).toBe(true);
    const [saturation, decay] = cache?.testcase.slice(-2) ?? [];
    expect(saturation?.failure?.['@_message']).toBe('the load generator limited 1 of 6 runs');
    expect(saturation?.failure?.['#text']).toBe('naive k6 repeat 3: synthetic: 120 dropped iterations');
    expect(decay?.failure?.['@_message']).toBe('throughput decayed during 1 of 6 runs');
    expect(decay?.failure?.['#text']).toMatch(/^naive k6 repeat 2: -\d+\.\d\d% of mean per second$/);
  });

  it('reports a threshold whose metric produced no value as failed, and escapes what it quotes', () => {
    const run = { ...results.scenarios[0]!, comparison: 'a&b <"c">', thresholds: [{ metric: 'no_such_metric', condition: "p(95)<1 & 'x'", passed: false, actual: null }] };
    const xml = renderJunit({ ...results, run: { ...results.run, complete: false }, scenarios: [run] });
    const parsed = parse(xml);
    expect(xml).toContain('name="perflab synthetic-run (partial)"');
    expect(parsed.testsuite[0]?.testcase[0]?.failure?.['@_message']).toBe('no_such_metric: actual no value (metric missing?) does not satisfy p(95)<1 & \'x\'');
    expect(parsed.testsuite[0]?.['@_name']).toBe('a&b <"c">');
  });
});
