import { escapeXml as x } from './escape-text.ts';
import type { Results, ScenarioRun } from '../results/types.ts';

interface TestCase {
  name: string;
  className: string;
  failure: { type: 'threshold' | 'saturation' | 'decay'; message: string; detail: string } | null;
}

/**
 * junit.xml: one testsuite per comparison; in it one testcase per threshold of every run
 * (failed → a <failure> with the actual value against the condition), plus one
 * "generator not saturated" and one "no decay" testcase per comparison, so CI systems
 * that read JUnit show which gate failed and why.
 */
export function renderJunit(results: Results): string {
  const byComparison = new Map<string, ScenarioRun[]>();
  for (const run of results.scenarios) byComparison.set(run.comparison, [...(byComparison.get(run.comparison) ?? []), run]);
  const suites = [...byComparison].map(([comparison, runs]) => suite(comparison, testCases(comparison, runs), results.run.finishedAt));
  const cases = suites.reduce((total, s) => total + s.tests, 0);
  const failures = suites.reduce((total, s) => total + s.failures, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="perflab ${x(results.run.id)}${results.run.complete ? '' : ' (partial)'}" tests="${cases}" failures="${failures}" errors="0">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

function testCases(comparison: string, runs: ScenarioRun[]): TestCase[] {
  const cases: TestCase[] = runs.flatMap((run) =>
    run.thresholds.map((threshold) => ({
      name: `${run.variant} ${run.driver} #${run.repeat}: ${threshold.metric} ${threshold.condition}`,
      className: `perflab.${comparison}`,
      failure: threshold.passed
        ? null
        : {
            type: 'threshold',
            message: `${threshold.metric}: actual ${threshold.actual === null ? 'no value (metric missing?)' : threshold.actual} does not satisfy ${threshold.condition}`,
            detail: `run ${run.variant} ${run.driver} repeat ${run.repeat}`,
          },
    })),
  );
  const saturated = runs.filter((run) => run.generator.saturated);
  cases.push({
    name: 'generator not saturated',
    className: `perflab.${comparison}`,
    failure:
      saturated.length === 0
        ? null
        : {
            type: 'saturation',
            message: `the load generator limited ${saturated.length} of ${runs.length} runs`,
            detail: saturated.map((run) => `${label(run)}: ${run.generator.reason ?? 'saturated'}`).join('\n'),
          },
  });
  const decayed = runs.filter((run) => run.decay.flagged);
  cases.push({
    name: 'no decay',
    className: `perflab.${comparison}`,
    failure:
      decayed.length === 0
        ? null
        : {
            type: 'decay',
            message: `throughput decayed during ${decayed.length} of ${runs.length} runs`,
            detail: decayed.map((run) => `${label(run)}: ${(run.decay.relativePerSec * 100).toFixed(2)}% of mean per second`).join('\n'),
          },
  });
  return cases;
}

function suite(name: string, cases: TestCase[], timestamp: string): { xml: string; tests: number; failures: number } {
  const failures = cases.filter((c) => c.failure).length;
  const body = cases.map((c) =>
    c.failure
      ? `    <testcase name="${x(c.name)}" classname="${x(c.className)}" time="0">\n      <failure message="${x(c.failure.message)}" type="${c.failure.type}">${x(c.failure.detail)}</failure>\n    </testcase>`
      : `    <testcase name="${x(c.name)}" classname="${x(c.className)}" time="0"/>`,
  );
  const xml = [`  <testsuite name="${x(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" timestamp="${x(timestamp)}">`, ...body, '  </testsuite>'].join('\n');
  return { xml, tests: cases.length, failures };
}

function label(run: ScenarioRun): string {
  return `${run.variant} ${run.driver} repeat ${run.repeat}`;
}
