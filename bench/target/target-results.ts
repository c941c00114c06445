import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Variant } from '../../scenarios/types.ts';
import { RESULTS_SCHEMA_VERSION, type HostInfo, type Results, type ScenarioRun } from '../results/types.ts';
import { gitSha, newRunId } from '../run/host-info.ts';
import { gitDirty } from '../run/reproducibility.ts';
import { aggregateVariants } from '../stats/aggregate-variants.ts';
import { DEFAULT_VERDICT_POLICY, QUICK_NO_VERDICT_NOTICE } from '../stats/decide-verdict.ts';
import { summarizeComparisons } from '../stats/summarize-comparisons.ts';
import { statementNotices, type SideStatements } from './statement-notices.ts';
import type { TargetOptions, TargetScenario } from './target-options.ts';

/**
 * The results contract names two variants: the first --scenario fills the `naive` slot (the
 * baseline), the second the `optimized` slot (the candidate), so ratios read candidate vs baseline.
 */
export const SIDES: readonly Variant[] = ['naive', 'optimized'];

/** Why a scenario measured alone has no verdict. */
export const ALONE = 'one scenario measured alone: nothing to compare it with, so no ratio and no verdict';

/** The comparison id reports show: `orders` alone, or `naive-orders-vs-optimized-orders`. */
export function comparisonLabel(scenarios: readonly TargetScenario[]): string {
  return scenarios.map((s) => basename(s.name, extname(s.name))).join('-vs-');
}

export interface TargetRunFacts {
  options: TargetOptions;
  label: string;
  baseUrl: string;
  startedAt: Date;
  command: string;
  scenarios: ScenarioRun[];
  statements: SideStatements;
  host: HostInfo;
  root: string;
  /** False for the partial report an interrupted run leaves. */
  complete: boolean;
}

/** Everything measured, as results.json: one run of the user's API through the same contract as a catalog run. */
export function assembleTargetResults(facts: TargetRunFacts): Results {
  const { options, scenarios } = facts;
  const flags = options.run;
  const compared = options.scenarios.length === 2;
  const names = new Map(options.scenarios.map((s, i) => [SIDES[i] as Variant, s.name]));
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    run: {
      id: newRunId(facts.startedAt),
      startedAt: facts.startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      complete: facts.complete,
      gitSha: gitSha(facts.root),
      dirty: gitDirty(facts.root),
      command: facts.command,
      options: { drivers: [options.driver], defaultDriver: options.driver, durationSec: flags.durationSec, warmupSec: flags.warmupSec, repeat: flags.repeat, connections: flags.connections, rate: flags.rate, quick: flags.quick, target: facts.baseUrl, dbLatencyMs: 0, cacheLatencyMs: 0, instances: 1 },
      host: facts.host,
    },
    // no perflab data set: the fingerprint is that of the scenario files, so two runs of different files never look alike
    dataset: { scale: 'your-api', seed: flags.seed, schemaVersion: 0, rows: {}, checksum: filesChecksum(options.scenarios), stateChecksum: null },
    calibration: [],
    scenarios,
    variants: aggregateVariants(scenarios, []),
    // measured alone: the summary row carries its figures, with no ratio and no verdict
    comparisons: summarizeComparisons(scenarios, { ...DEFAULT_VERDICT_POLICY, verdicts: compared && !flags.quick }).map((c) => (compared ? c : { ...c, verdictReason: ALONE })),
    notices: [...sideNotices(options, names), ...statementNotices(facts.statements, names), ...(compared && flags.quick ? [QUICK_NO_VERDICT_NOTICE] : [])],
  };
}

function sideNotices(options: TargetOptions, names: ReadonlyMap<Variant, string>): string[] {
  const notices = [
    options.scenarios.length === 2
      ? `Your API, two scenarios compared: 'naive' is ${names.get('naive')} (the first --scenario, the baseline), 'optimized' is ${names.get('optimized')} (the second, the candidate); ratios read the second against the first.`
      : `Your API, one scenario measured alone (${names.get('naive')}, shown as 'naive'): there is nothing to compare it with, so no ratio and no verdict; give a second --scenario to compare two.`,
    'Not calibrated: your API has no no-op route, so no "of ceiling" share is shown. perflab did not restore your data or empty your cache between runs: runs start from whatever state the previous one left.',
  ];
  if (options.driver === 'k6') notices.push("k6 scripts ran inside perflab's wrapper: their default function, setup, teardown and options.thresholds are kept; their own scenarios, stages, VUs and duration are replaced by perflab's load model (--rate, --connections, --duration).");
  return notices;
}

function filesChecksum(scenarios: readonly TargetScenario[]): string {
  const hash = createHash('sha256');
  for (const s of scenarios) hash.update(readFileSync(s.path));
  return hash.digest('hex').slice(0, 16);
}
