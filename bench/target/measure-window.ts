import type { FoundDriver, ScenarioCall } from '../drivers/driver.ts';
import type { DriverOutput } from '../drivers/types.ts';
import type { ScenarioRun } from '../results/types.ts';
import { windowFigures } from '../run/window-figures.ts';
import type { PlannedRun } from '../run/plan.ts';
import { statementDelta, type StatementDelta } from './statement-deltas.ts';
import type { StatementReader } from './pg-stat-statements.ts';

/** One measured window and what the database ran in it (null without --database-url). */
export interface MeasuredWindow {
  run: ScenarioRun;
  statements: StatementDelta | null;
}

/**
 * Snapshot, window, snapshot: the pg_stat_statements reads sit right around the measured window
 * (the warm-up ran before the first one), so the delta holds what this window's requests ran,
 * requests cut short at its end included, plus whatever else used that database meanwhile.
 */
export async function measureWindow(run: PlannedRun, call: ScenarioCall, found: FoundDriver, reader: StatementReader | null, hooks: Parameters<FoundDriver['run']>[1]): Promise<MeasuredWindow> {
  const before = reader ? await reader.snapshot() : null;
  const output = await found.run(call, hooks);
  const statements = reader && before ? statementDelta(before, await reader.snapshot()) : null;
  return { run: scenarioRun(run, call, found, output), statements };
}

function scenarioRun(run: PlannedRun, call: ScenarioCall, found: FoundDriver, output: DriverOutput): ScenarioRun {
  return {
    comparison: run.comparison,
    variant: run.variant,
    driver: run.driver,
    repeat: run.repeat,
    loadModel: call.model,
    durationSec: call.durationSec,
    warmupSec: 0,
    ...windowFigures(output),
    // the side's exact figure (its probe) is filled in by the runner: see statement-probe.ts
    server: { queriesPerRequest: null, bytesPerResponse: null, cacheHitRatio: null, cacheErrors: null },
    datasetChecksum: null,
    imports: null,
    // a k6 script's own thresholds, judged by k6; a request list has none
    thresholds: found.driver.evaluatesThresholds === 'self' ? output.thresholds : [],
  };
}
