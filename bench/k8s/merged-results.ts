import { gitDirty } from '../run/reproducibility.ts';
import { DEFAULT_DRIVER } from '../run/run-options.ts';
import { describeHost, gitSha, newRunId } from '../run/host-info.ts';
import { RESULTS_SCHEMA_VERSION, type Results, type ScenarioRun } from '../results/types.ts';
import { aggregateVariants } from '../stats/aggregate-variants.ts';
import { DEFAULT_VERDICT_POLICY } from '../stats/decide-verdict.ts';
import { summarizeComparisons } from '../stats/summarize-comparisons.ts';
import { projectRoot } from '../../lib/paths.ts';
import type { Fixtures } from '../../seed/fixtures-schema.ts';
import { MERGED_THRESHOLDS_NOTE } from '../drivers/k6-merge-thresholds.ts';

export interface MergedRun {
  scenarios: ScenarioRun[];
  fixtures: Pick<Fixtures, 'fingerprint'>;
  baseUrl: string;
  instances: number;
  command: string;
  cacheBackend: 'redis' | 'in-process';
  k6Image: string;
}

/** The results document of a k6-operator run merged by `perflab merge`: the same shape `perflab run` writes. */
export function mergedResults(run: MergedRun, now = new Date()): Results {
  const { scenarios } = run;
  const first = scenarios[0];
  const unknown = 'external (in the cluster: not seen from here)';
  const host = describeHost({ postgres: { version: 'unknown', source: unknown }, redis: { version: null, source: unknown }, cacheBackend: run.cacheBackend, serverSettings: null, postgresSettings: null }, []);
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    run: {
      id: newRunId(now),
      startedAt: now.toISOString(),
      finishedAt: now.toISOString(),
      complete: true,
      gitSha: gitSha(projectRoot),
      dirty: gitDirty(projectRoot),
      command: run.command,
      options: { drivers: ['k6'], defaultDriver: DEFAULT_DRIVER, durationSec: first?.durationSec ?? 0, warmupSec: first?.warmupSec ?? 0, repeat: Math.max(1, ...scenarios.map((s) => s.repeat)), connections: null, rate: null, quick: false, target: run.baseUrl, dbLatencyMs: 0, cacheLatencyMs: 0, instances: run.instances },
      host: { ...host, drivers: [{ name: 'k6', version: run.k6Image }] },
    },
    dataset: { ...run.fixtures.fingerprint, stateChecksum: run.fixtures.fingerprint.stateChecksum ?? null, rows: Object.fromEntries(Object.entries(run.fixtures.fingerprint.rows).sort(([a], [b]) => a.localeCompare(b))) },
    calibration: [],
    scenarios,
    variants: aggregateVariants(scenarios, []),
    comparisons: summarizeComparisons(scenarios, { ...DEFAULT_VERDICT_POLICY, verdicts: true }),
    notices: [
      `Merged by perflab from the CSV samples of k6-operator pods (${run.instances} per TestRun, one execution segment each, ${run.k6Image}): percentiles from the merged histograms, counts and rates summed; ${MERGED_THRESHOLDS_NOTE}.`,
      `Host facts are those of the machine that merged, not of the pods; no server counters (queries per request) or generator CPU were read from the cluster; cache backend as told by --cache-backend (${run.cacheBackend}).`,
    ],
  };
}
