import { join } from 'node:path';
import { projectRoot } from '../../lib/paths.ts';
import type { LoadProfile, RequestSpec, Variant } from '../../scenarios/types.ts';
import type { ScenarioCall } from '../drivers/driver.ts';
import { writeReports } from '../report/write-reports.ts';
import type { Results, ScenarioRun } from '../results/types.ts';
import { describeHost, newRunId } from '../run/host-info.ts';
import { planRuns, type PlannedRun } from '../run/plan.ts';
import type { ProgressReporter } from '../run/progress.ts';
import { assertReachable } from './check-reachable.ts';
import { drawRequests } from './draw-requests.ts';
import { measureWindow } from './measure-window.ts';
import { openStatementReader, type StatementReader } from './pg-stat-statements.ts';
import { readRequestList } from './request-list.ts';
import { onCleanup } from '../env/cleanup.ts';
import { perRequest } from './statement-deltas.ts';
import type { CountedStatements } from './statement-notices.ts';
import { PROBE_REQUESTS, probeStatements, sendSequentially } from './statement-probe.ts';
import { sideDrivers } from './target-drivers.ts';
import type { TargetOptions } from './target-options.ts';
import { assembleTargetResults, comparisonLabel, SIDES } from './target-results.ts';

/** Load when neither --connections nor --rate is given: a modest closed model any laptop API takes. */
export const TARGET_LOAD: LoadProfile = { closed: { connections: 10 }, open: { rate: 50, maxConnections: 10 } };
const REQUESTS_PER_RUN = 2000;

export interface TargetOutcome {
  dir: string;
  files: string[];
  results: Results;
  /** 0: every threshold of a k6 script held (a request list has none); 1: one failed. */
  exitCode: number;
}

/**
 * `perflab run --target URL --scenario file [--scenario file]`: the method on the user's API. Each
 * side warms up once (discarded); with --database-url its statements per request are then counted
 * exactly by a probe (statement-probe.ts); the repeats interleave the sides (A B, B A …), each
 * window between two pg_stat_statements snapshots. results.json and the reports come from the same
 * contract and writers as a catalog run.
 */
export async function runTarget(options: TargetOptions, progress: ProgressReporter, command: string): Promise<TargetOutcome> {
  const startedAt = new Date();
  const { run: flags } = options;
  const baseUrl = new URL(flags.target).origin;
  const sides = SIDES.slice(0, options.scenarios.length);
  const label = comparisonLabel(options.scenarios);
  const lists = await Promise.all(options.scenarios.map((s) => (s.kind === 'request-list' ? readRequestList(s.path) : null)));
  await assertReachable(baseUrl);
  const drivers = await sideDrivers(options.driver, options.scenarios, sides);
  let reader: StatementReader | null = null;
  let unregister = () => {};
  try {
    reader = options.databaseUrl ? await openStatementReader(options.databaseUrl) : null;
    // said once every input is checked: a bad file, URL or database is one line and nothing else
    const names = options.scenarios.map((s) => s.name).join(' vs ');
    progress.line(`perflab run: ${names} against ${baseUrl} (${options.driver}, ${flags.repeat} repeats × ${flags.durationSec} s)${reader ? ', statements from pg_stat_statements' : ''}`);
    const plan = planRuns([label], [options.driver], flags.repeat).filter((r) => sides.includes(r.variant));
    progress.plan(plan, flags);
    const model = drivers.found.driver.loadModel(TARGET_LOAD, flags);
    const probeSender = (side: Variant) => {
      const list = lists[sides.indexOf(side)];
      return list ? () => sendSequentially(baseUrl, drawRequests(list, PROBE_REQUESTS, flags.seed)) : () => drivers.probes.get(side)!(baseUrl);
    };
    const callOf = (run: PlannedRun, seed: number, durationSec: number): ScenarioCall => {
      const list = lists[sides.indexOf(run.variant)];
      const requests: RequestSpec[] = list ? drawRequests(list, REQUESTS_PER_RUN, seed) : [];
      return { baseUrl, comparison: label, variant: run.variant, requests, model, durationSec, seed };
    };
    const scenarios: ScenarioRun[] = [];
    const probes = new Map<Variant, CountedStatements>();
    const windows = new Map<Variant, CountedStatements[]>();
    const warmed = new Set<Variant>();
    const host = describeHost({ postgres: { version: 'unknown', source: options.databaseUrl ? 'external (--database-url)' : 'external (--target)' }, redis: { version: null, source: 'external (--target)' }, cacheBackend: 'unknown', serverSettings: null, postgresSettings: null }, [drivers.found]);
    const assemble = (complete: boolean) => assembleTargetResults({ options, label, baseUrl, startedAt, command, scenarios, statements: { probes, windows }, host, root: projectRoot, complete });
    const dir = join(flags.outDir, newRunId(startedAt));
    const abort = new AbortController();
    // Ctrl-C: stop the generator, keep the runs already complete, as a catalog run does
    unregister = onCleanup('partial report', async () => {
      abort.abort(new Error('interrupted'));
      if (scenarios.length === 0) return void process.stderr.write('\ninterrupted before any run completed: no report written\n');
      const files = await writeReports(dir, assemble(false));
      process.stderr.write(`\ninterrupted: partial report (${scenarios.length} complete runs) in ${files[1] ?? dir}\n`);
    });
    for (const [index, run] of plan.entries()) {
      const found = drivers.bySide.get(run.variant)!;
      progress.start(run, index, plan.length, flags.durationSec);
      if (!warmed.has(run.variant)) {
        // the warm-up draws its own stream: the measured requests are not the ones it just sent
        if (flags.warmupSec > 0) await found.run(callOf(run, flags.seed * 1000 + 999_983, flags.warmupSec), { signal: abort.signal });
        if (reader) probes.set(run.variant, await probeStatements(reader, probeSender(run.variant)));
      }
      const warmupSec = warmed.has(run.variant) ? 0 : flags.warmupSec;
      warmed.add(run.variant);
      const window = await measureWindow(run, callOf(run, flags.seed * 1000 + run.repeat, flags.durationSec), found, reader, { signal: abort.signal, onTick: (t) => progress.tick(t.second + 1, t.reqPerSec) });
      const probe = probes.get(run.variant);
      const queriesPerRequest = probe ? perRequest(probe.delta.totalCalls, probe.requests) : null;
      scenarios.push({ ...window.run, warmupSec, server: { ...window.run.server, queriesPerRequest } });
      if (window.statements) windows.set(run.variant, [...(windows.get(run.variant) ?? []), { delta: window.statements, requests: window.run.requests }]);
      progress.done(`${Math.round(window.run.throughput).toLocaleString('en-US')} req/s · p95 ${window.run.latencyMs.p95.toFixed(2)} ms · ${queriesPerRequest ?? '–'} statements/req`);
    }
    unregister();
    const results = assemble(true);
    const files = await writeReports(dir, results);
    const failed = scenarios.some((s) => s.thresholds.some((t) => !t.passed));
    return { dir, files, results, exitCode: failed ? 1 : 0 };
  } finally {
    // a failure, unlike Ctrl-C, says itself in one line: no partial report behind it
    unregister();
    await drivers.dispose();
    await closeReader(reader);
  }
}

async function closeReader(reader: StatementReader | null): Promise<void> {
  if (reader) await reader.close();
}
