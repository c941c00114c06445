import { syntheticResults, withScenarios } from '../../test-support/synthetic-results.ts';
import type { Results, ScenarioRun } from '../../results/types.ts';

/**
 * The synthetic results document (INVENTED figures) with every SLO met and no transport
 * error, so an A/A gate of it against itself has nothing to fail on.
 */
export function cleanResults(): Results {
  const results = syntheticResults();
  return withScenarios(
    results,
    results.scenarios.map((run) => ({
      ...run,
      errors: 0,
      failed: 0,
      failureRate: 0,
      statusClasses: { ...run.statusClasses, transport: 0 },
      thresholds: run.thresholds.map((t) => ({ ...t, passed: true, actual: t.metric === 'http_req_failed' ? 0 : t.actual })),
    })),
  );
}

/** `results` with each matching run changed by `edit`, and the stored aggregates recomputed as a run would. */
export function editRuns(results: Results, match: (run: ScenarioRun) => boolean, edit: (run: ScenarioRun) => ScenarioRun): Results {
  return withScenarios(results, results.scenarios.map((run) => (match(run) ? edit(run) : run)));
}

/** An injected N+1: the optimized orders-with-items path now runs 1 + 50 statements per request. */
export function withInjectedNPlusOne(results: Results): Results {
  return editRuns(
    results,
    (run) => run.comparison === 'orders-with-items' && run.variant === 'optimized',
    (run) => ({ ...run, server: { ...run.server, queriesPerRequest: 51 } }),
  );
}
