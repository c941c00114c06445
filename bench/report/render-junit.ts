import { escapeXml as x } from './escape-text.ts';
import { formatMs, formatRate } from './format-figures.ts';
import { formatNs, speedupText } from './micro-tables.ts';
import { measuredValue, thresholdWithUnit } from './slo-outcome.ts';
import type { Results, ScenarioRun } from '../results/types.ts';

interface TestCase {
  name: string;
  /** Seconds the case measured: the run's window, 0 for checks over all runs. */
  time: number;
  outcome: { kind: 'failure'; type: 'threshold' | 'saturation' | 'decay' | 'samples'; message: string; detail: string } | { kind: 'skipped'; message: string } | null;
  /** The measured value with its unit, as a JUnit property (reporters show it beside the name). */
  measured?: string;
}

/**
 * junit.xml: one testsuite per comparison. In it, per optimized run one testcase per SLO
 * threshold (failed → a <failure> naming the measured value and the threshold with units),
 * per naive run one informational testcase marked <skipped> (the naive side is expected to
 * miss the SLO; its p95 is in the message), and per comparison one "generator not
 * saturated" and one "no decay" check. `time` is the run's measured window in seconds.
 */
export function renderJunit(results: Results): string {
  const byComparison = new Map<string, ScenarioRun[]>();
  for (const run of results.scenarios) byComparison.set(run.comparison, [...(byComparison.get(run.comparison) ?? []), run]);
  const suites = [...byComparison].map(([comparison, runs]) => suite(comparison, runs, testCases(runs), results.run.finishedAt));
  if (results.micro) suites.push(suite('micro', [], microCases(results.micro), results.run.finishedAt));
  const total = (pick: (s: (typeof suites)[number]) => number) => suites.reduce((sum, s) => sum + pick(s), 0);
  const wallSec = (Date.parse(results.run.finishedAt) - Date.parse(results.run.startedAt)) / 1000;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="perflab ${x(results.run.id)}${results.run.complete ? '' : ' (partial)'}" tests="${total((s) => s.tests)}" failures="${total((s) => s.failures)}" errors="0" skipped="${total((s) => s.skipped)}" time="${seconds(wallSec)}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

function testCases(runs: ScenarioRun[]): TestCase[] {
  const cases: TestCase[] = runs.flatMap((run): TestCase[] => {
    if (run.variant === 'naive') {
      const p95 = run.requests === 0 ? 'no request completed' : `p95 ${formatMs(run.latencyMs.p95)} ms`;
      return [{ name: `${label(run)}: informational`, time: run.durationSec, outcome: { kind: 'skipped', message: `informational: naive side, expected to miss the SLO; ${p95}, ${formatRate(run.throughput)} req/s` } }];
    }
    return run.thresholds.map((threshold) => {
      const condition = thresholdWithUnit(threshold.metric, threshold.condition);
      const measured = measuredValue(threshold.metric, threshold.actual);
      return {
        name: `${label(run)}: ${condition}`,
        time: run.durationSec,
        measured,
        outcome: threshold.passed ? null : { kind: 'failure', type: 'threshold', message: `${condition}: measured ${measured}`, detail: `run ${label(run)}` },
      };
    });
  });
  const saturated = runs.filter((run) => run.generator.saturated);
  cases.push({
    name: 'generator not saturated',
    time: 0,
    outcome:
      saturated.length === 0
        ? null
        : {
            kind: 'failure',
            type: 'saturation',
            message: `the load generator limited ${saturated.length} of ${runs.length} runs`,
            detail: saturated.map((run) => `${label(run)}: ${run.generator.reason ?? 'saturated'}`).join('\n'),
          },
  });
  const decayed = runs.filter((run) => run.decay.flagged);
  cases.push({
    name: 'no decay',
    time: 0,
    outcome:
      decayed.length === 0
        ? null
        : {
            kind: 'failure',
            type: 'decay',
            message: `throughput decayed during ${decayed.length} of ${runs.length} runs`,
            detail: decayed.map((run) => `${label(run)}: ${(run.decay.relativePerSec * 100).toFixed(2)}% of mean req/s per second`).join('\n'),
          },
  });
  return cases;
}

/**
 * The micro-benchmarks: per task one case that fails when a repeat timed too few calls (its
 * figures may predate optimized code), its mean as the measured value; per pair one case
 * carrying the speed-up with its interval (informational: a gate judges ratios).
 */
function microCases(micro: NonNullable<Results['micro']>): TestCase[] {
  const time = (micro.options.timeMs * micro.options.repeats) / 1000;
  const tasks = micro.tasks.map((task): TestCase => ({
    name: `${task.key}: enough samples`,
    time,
    measured: `mean ${formatNs(task.meanNs)}, ${task.samples} samples`,
    outcome: task.enoughSamples ? null : { kind: 'failure', type: 'samples', message: `a repeat timed fewer than ${micro.options.minSamples} calls`, detail: `${task.samples} calls over ${micro.options.repeats} repeats` },
  }));
  const pairs = micro.pairs.map((pair): TestCase => ({ name: `${pair.key}: speed-up`, time: 0, measured: speedupText(pair), outcome: null }));
  return [...tasks, ...pairs];
}

function suite(name: string, runs: ScenarioRun[], cases: TestCase[], timestamp: string): { xml: string; tests: number; failures: number; skipped: number } {
  const failures = cases.filter((c) => c.outcome?.kind === 'failure').length;
  const skipped = cases.filter((c) => c.outcome?.kind === 'skipped').length;
  const className = `perflab.${name}`;
  const body = cases.map((c) => {
    const open = `    <testcase name="${x(c.name)}" classname="${x(className)}" time="${seconds(c.time)}"`;
    const children = [
      c.measured === undefined ? null : `      <properties><property name="measured" value="${x(c.measured)}"/></properties>`,
      c.outcome?.kind === 'failure' ? `      <failure message="${x(c.outcome.message)}" type="${c.outcome.type}">${x(c.outcome.detail)}</failure>` : null,
      c.outcome?.kind === 'skipped' ? `      <skipped message="${x(c.outcome.message)}"/>` : null,
    ].filter((line) => line !== null);
    return children.length === 0 ? `${open}/>` : [`${open}>`, ...children, '    </testcase>'].join('\n');
  });
  const time = runs.reduce((sum, run) => sum + run.durationSec, 0);
  const head = `  <testsuite name="${x(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(time)}" timestamp="${x(timestamp)}">`;
  return { xml: [head, ...body, '  </testsuite>'].join('\n'), tests: cases.length, failures, skipped };
}

function label(run: ScenarioRun): string {
  return `${run.variant} ${run.driver} #${run.repeat}`;
}

function seconds(value: number): string {
  return Number.isFinite(value) && value > 0 ? String(Math.round(value * 1000) / 1000) : '0';
}
