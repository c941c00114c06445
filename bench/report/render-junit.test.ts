import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderJunit } from './render-junit.ts';
import { syntheticResults } from '../test-support/synthetic-results.ts';

interface TestCase {
  '@_name': string;
  '@_time': string;
  failure?: { '@_message': string; '@_type': string; '#text'?: string };
  skipped?: { '@_message': string };
  properties?: { property: { '@_name': string; '@_value': string } };
}
interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_skipped': string;
  '@_time': string;
  testcase: TestCase[];
}

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' });
  return parser.parse(xml).testsuites as { '@_tests': string; '@_failures': string; '@_skipped': string; '@_time': string; testsuite: Suite[] };
}

describe('renderJunit', () => {
  const results = syntheticResults();
  const suites = parse(renderJunit(results));

  it('is well-formed XML with one testsuite per comparison', () => {
    expect(suites.testsuite.map((suite) => suite['@_name'])).toEqual(['orders-with-items', 'product-detail-cache']);
  });

  it('has a testcase per threshold of every optimized run, one per naive run, plus saturation and decay cases, with consistent counts', () => {
    for (const suite of suites.testsuite) {
      const runs = results.scenarios.filter((run) => run.comparison === suite['@_name']);
      const thresholds = runs.reduce((total, run) => total + run.thresholds.length, 0);
      const naive = runs.filter((run) => run.variant === 'naive').length;
      expect(suite.testcase).toHaveLength(thresholds + naive + 2);
      expect(Number(suite['@_tests'])).toBe(suite.testcase.length);
      expect(Number(suite['@_failures'])).toBe(suite.testcase.filter((testCase) => testCase.failure).length);
      expect(Number(suite['@_skipped'])).toBe(naive);
      expect(suite.testcase.slice(-2).map((testCase) => testCase['@_name'])).toEqual(['generator not saturated', 'no decay']);
    }
    const all = suites.testsuite.flatMap((suite) => suite.testcase);
    expect(Number(suites['@_tests'])).toBe(all.length);
    expect(Number(suites['@_skipped'])).toBe(6);
  });

  it('shows every naive run as a skipped, informational testcase with its p95 in ms', () => {
    const naive = suites.testsuite[0]?.testcase.filter((testCase) => testCase.skipped) ?? [];
    expect(naive.map((testCase) => testCase['@_name'])).toEqual(['naive autocannon #1: informational', 'naive autocannon #2: informational', 'naive autocannon #3: informational']);
    for (const [index, testCase] of naive.entries()) {
      const run = results.scenarios.filter((candidate) => candidate.comparison === 'orders-with-items' && candidate.variant === 'naive')[index]!;
      expect(testCase.skipped?.['@_message']).toMatch(/^informational: naive side, expected to miss the SLO; p95 \d+\.\d+ ms, [\d,]+ req\/s$/);
      expect(testCase.skipped?.['@_message']).toContain(`p95 ${run.latencyMs.p95.toPrecision(3).replace(/0+$/, '')} ms`);
      expect(testCase.failure).toBeUndefined();
    }
  });

  it('gives each run testcase the seconds of its measured window, each suite its runs, the whole file the run wall time', () => {
    for (const suite of suites.testsuite) {
      for (const testCase of suite.testcase.slice(0, -2)) expect(testCase['@_time']).toBe('10');
      for (const testCase of suite.testcase.slice(-2)) expect(testCase['@_time']).toBe('0');
      expect(suite['@_time']).toBe('60');
    }
    expect(suites['@_time']).toBe('60');
  });

  it('fails a threshold naming the measured value and the threshold with their units, and records passing values as a property', () => {
    const cases = suites.testsuite[0]?.testcase ?? [];
    const failed = cases.find((testCase) => testCase.failure);
    expect(failed?.['@_name']).toBe('optimized autocannon #1: http_req_failed rate<0.01 (1% of requests)');
    expect(failed?.failure?.['@_message']).toBe('http_req_failed rate<0.01 (1% of requests): measured 2% of requests');
    expect(failed?.failure?.['@_type']).toBe('threshold');
    const duration = cases.find((testCase) => testCase['@_name'] === 'optimized autocannon #2: http_req_duration p(95)<200 ms');
    expect(duration?.properties?.property).toEqual({ '@_name': 'measured', '@_value': expect.stringMatching(/^0\.\d+ ms$/) });
  });

  it('fails saturation and decay only where a run was flagged, naming the run', () => {
    const [orders, cache] = suites.testsuite;
    expect(orders?.testcase.slice(-2).every((testCase) => !testCase.failure)).toBe(true);
    const [saturation, decay] = cache?.testcase.slice(-2) ?? [];
    expect(saturation?.failure?.['@_message']).toBe('the load generator limited 1 of 6 runs');
    expect(saturation?.failure?.['#text']).toBe('naive k6 #3: synthetic: 120 dropped iterations');
    expect(decay?.failure?.['@_message']).toBe('throughput decayed during 1 of 6 runs');
    expect(decay?.failure?.['#text']).toMatch(/^naive k6 #2: -\d+\.\d\d% of mean req\/s per second$/);
  });

  it('reports a threshold whose metric produced no value as failed, and escapes what it quotes', () => {
    const optimized = results.scenarios.find((run) => run.variant === 'optimized')!;
    const run = { ...optimized, comparison: 'a&b <"c">', thresholds: [{ metric: 'no_such_metric', condition: "p(95)<1 & 'x'", passed: false, actual: null }] };
    const xml = renderJunit({ ...results, run: { ...results.run, complete: false }, scenarios: [run] });
    const parsed = parse(xml);
    expect(xml).toContain('name="perflab synthetic-run (partial)"');
    expect(parsed.testsuite[0]?.testcase[0]?.failure?.['@_message']).toBe("no_such_metric p(95)<1 & 'x': measured no value (metric missing?)");
    expect(parsed.testsuite[0]?.['@_name']).toBe('a&b <"c">');
  });
});
