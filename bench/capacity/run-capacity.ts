import { join } from 'node:path';
import { UsageError } from '../../lib/usage-error.ts';
import { catalogEntry } from '../../scenarios/catalog.ts';
import { expandRequests } from '../../scenarios/expand.ts';
import { readFixtures } from '../../seed/fixtures-schema.ts';
import { DEFAULT_FIXTURES_PATH } from '../../seed/seed.ts';
import { isFound, type FoundDriver } from '../drivers/driver.ts';
import { DRIVERS, type DriverRegistry } from '../drivers/registry.ts';
import { isStopping, onCleanup } from '../env/cleanup.ts';
import { startLocalStack } from '../env/local-stack.ts';
import { newRunId } from '../run/host-info.ts';
import { statsToken } from '../run/server-stats.ts';
import { DEFAULT_BUDGET, plannedSeconds, QUICK_BUDGET } from './capacity-plan.ts';
import type { CapacityOptions } from './capacity-options.ts';
import type { CapacityVariant } from './capacity-schema.ts';
import { assembleCapacityReport } from './assemble-capacity-report.ts';
import { readMaxConnections, referenceServerDbTime } from './server-db-time.ts';
import { targetRate } from './sizing.ts';
import { sloFromThresholds, type LatencySlo } from './slo.ts';
import { emptyVariant, measureVariantCapacity } from './variant-capacity.ts';
import { writeCapacityReports } from './write-capacity-reports.ts';

/** The first rate of a comparison's ramp when no sweep measured a better start: half its catalog open-model rate. */
export function startRateOf(comparison: string): number {
  return Math.max(1, Math.round(catalogEntry(comparison).load.open.rate / 2));
}

/** The SLO a comparison is judged by: `--slo`, else its catalog thresholds. */
export function sloOf(comparison: string, override: LatencySlo | null): LatencySlo {
  const slo = override ?? sloFromThresholds(catalogEntry(comparison).thresholds);
  if (!slo) throw new UsageError(`${comparison} has no latency SLO in the catalog: pass --slo 'p95<Nms'`);
  return slo;
}

/**
 * `perflab capacity`: for each comparison × variant, the open-model step search, then the
 * closed-model sweep with its USL fit; sizing from the maxima; capacity.json/.md/.html. Ctrl-C
 * writes what completed, marked partial.
 */
export async function runCapacity(options: CapacityOptions, command: string, say: (line: string) => void, registry: DriverRegistry = DRIVERS): Promise<{ dir: string; files: string[] }> {
  const target = options.target ? targetRate(options.target) : null;
  if (target && target.rps < 1) throw new UsageError(`the target (${target.rps.toFixed(3)} req/s) is below one step of the sweep (steps are whole req/s, from 1): there is nothing to size`);
  const slos = new Map(options.only.map((id) => [id, sloOf(id, options.slo)]));
  const budget = options.quick ? QUICK_BUDGET : DEFAULT_BUDGET;
  const found = await registry[options.driver].find();
  if (!isFound(found)) throw new UsageError(`--driver ${options.driver}: ${found.missing}`);
  const sweepFound = await sweepGenerator(found, registry);
  const startedAt = new Date();
  const runId = `${newRunId(startedAt)}-capacity`;
  const dir = join(options.outDir, runId);
  const notices: string[] = [];
  if (sweepFound && sweepFound !== found) notices.push(`${found.driver.name} runs open models only: the closed-model sweep used ${sweepFound.driver.name}.`);

  const { env, api } = await startLocalStack({ seed: { scale: options.scale, seed: options.seed, fixturesPath: DEFAULT_FIXTURES_PATH }, api: { poolMax: Math.max(...budget.concurrency) + 4 } });
  say(`reference API: ${api.baseUrl} (pid ${api.pid}) · ${found.driver.name} ${found.version}`);
  say(`plan: ${options.only.length * 2} variants, at most ${Math.ceil(plannedSeconds(budget, options.only.length * 2, 0) / 60)} min of load on an idle host (a failed confirmation adds steps)`);
  const fixtures = await readFixtures(DEFAULT_FIXTURES_PATH);
  const maxConnections = await readMaxConnections(env.postgres.url);
  const variants: CapacityVariant[] = [];
  const abort = new AbortController();
  const assemble = (complete: boolean) => assembleCapacityReport({ runId, startedAt, command, driver: `${found.driver.name} ${found.version}`, options, target, maxConnections, variants, notices, complete });
  const unregister = onCleanup('partial capacity report', async () => {
    abort.abort(new Error('interrupted'));
    const files = await writeCapacityReports(dir, assemble(false));
    process.stderr.write(`\ninterrupted: partial capacity report in ${files[1]}\n`);
  });

  try {
    for (const comparison of options.only) {
      const entry = catalogEntry(comparison);
      for (const variant of ['naive', 'optimized'] as const) {
        say(`${comparison} · ${variant} (SLO ${slos.get(comparison)!.text})`);
        const requests = expandRequests(entry, variant, fixtures, { count: 2000, seed: options.seed * 1000 });
        const live = emptyVariant(comparison, variant, slos.get(comparison)!);
        variants.push(live);
        await measureVariantCapacity({
          comparison, variant, slo: slos.get(comparison)!, startRate: startRateOf(comparison), budget, found, sweepFound,
          callFor: (model, durationSec) => ({ baseUrl: api.baseUrl, comparison, variant, requests, model, durationSec, fixturesPath: DEFAULT_FIXTURES_PATH, seed: options.seed }),
          minConnections: entry.load.open.maxConnections,
          dbTime: referenceServerDbTime(api.baseUrl, statsToken(fixtures), comparison, variant),
          signal: abort.signal,
          say,
        }, live);
      }
    }
  } catch (error) {
    // a signal stops the generator (registered last, stopped first) before this report's own step runs
    if (abort.signal.aborted || isStopping()) throw error;
    unregister();
    notices.push(`The run stopped early: ${(error as Error).message}`);
    const files = await writeCapacityReports(dir, assemble(false));
    say(`partial capacity report in ${files[1]}`);
    throw error;
  }
  unregister();
  return { dir, files: await writeCapacityReports(dir, assemble(true)) };
}

/** The closed-model sweep's generator: the chosen one when it runs closed models, else autocannon. */
async function sweepGenerator(found: FoundDriver, registry: DriverRegistry): Promise<FoundDriver | null> {
  const probe = found.driver.loadModel({ closed: { connections: 1 }, open: { rate: 1, maxConnections: 1 } }, { connections: 1, rate: null });
  if (probe.type === 'closed') return found;
  const fallback = await registry.autocannon.find();
  return isFound(fallback) ? fallback : null;
}
