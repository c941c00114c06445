import { join } from 'node:path';
import { perflabDir, projectRoot } from '../../../lib/paths.ts';
import { readFixtures } from '../../../seed/fixtures-schema.ts';
import { DEFAULT_FIXTURES_PATH } from '../../../seed/seed.ts';
import { catalog, catalogIds } from '../../../scenarios/catalog.ts';
import { onCleanup } from '../../env/cleanup.ts';
import { startLocalStack } from '../../env/local-stack.ts';
import type { Results } from '../../results/types.ts';
import type { Fixtures } from '../../../scenarios/types.ts';
import type { RunOptions } from '../../run/run-options.ts';
import { harnessToken, resetState, type StateControl } from '../../run/run-state.ts';
import { spawnApiServer } from '../../server-process.ts';
import type { GateOptions } from '../gate-options.ts';
import { runGate, summarize, verdictOf, type GateOutcome } from '../run-gate.ts';
import { prepareBaseBuild } from './base-build.ts';
import { seedBaseDatabase } from './base-database.ts';
import { familyNote } from '../timing-family.ts';
import { againstTimingChecks } from './timing-checks.ts';
import { deferredChecks } from './deferred-checks.ts';
import { parityChecks } from './parity-checks.ts';
import { probeChecks } from './probe-checks.ts';
import { dirtyFiles, resolveRef } from './resolve-ref.ts';
import { probeStatements } from './statement-probe.ts';
import type { Sides } from './sides.ts';

export interface AgainstOptions {
  ref: string;
  run: RunOptions;
  gate: GateOptions;
  /** Requests per comparison × variant in the statement probe. */
  probeRequests: number;
  say: (line: string) => void;
}

/** Where --against keeps base worktrees and dependency installs, reused across gates. */
export const AGAINST_CACHE_DIR = join(perflabDir, 'gate');

/**
 * `perflab gate --against <ref>`: the ref built beside the working tree (the candidate, as it
 * is), each API build on a database of its own (one cluster, one cache), seeded alike; the
 * statement probe (0 tolerance);
 * then, unless deterministic-only, `repeat` rounds in ABBA order (base, candidate, candidate,
 * base, …), each a one-repeat run of every comparison against one build, compared paired.
 */
export async function runAgainst(options: AgainstOptions): Promise<GateOutcome> {
  const { say } = options;
  const ref = resolveRef(projectRoot, options.ref);
  const dirty = dirtyFiles(projectRoot);
  const candidateSays = dirty.length > 0 ? `the working tree as it is, with ${dirty.length} uncommitted change(s) (${dirty.slice(0, 3).map((l) => l.slice(3)).join(', ')}${dirty.length > 3 ? ', …' : ''})` : 'the working tree (clean)';
  say(`candidate: ${candidateSays}; base: ${ref.ref} (${ref.short})`);
  const base = await prepareBaseBuild(projectRoot, ref, AGAINST_CACHE_DIR, say);
  say(`migrations: ${base.migrations.sentence}`);

  const fixturesPath = options.run.fixturesPath ?? DEFAULT_FIXTURES_PATH;
  const maxConcurrency = Math.max(options.run.connections ?? 0, ...catalog.map((e) => Math.max(e.load.closed.connections, e.load.open.maxConnections)));
  const poolMax = maxConcurrency + 4;
  const stack = await startLocalStack({ seed: { scale: options.run.scale, seed: options.run.seed, fixturesPath }, api: { poolMax } });
  const fixtures = await readFixtures(fixturesPath);
  // the base on its own database even when the schemas match: on a shared one, each build's job worker would take the other's import jobs
  const baseDatabase = await seedBaseDatabase(stack.env.postgres.url, { dir: base.dir, sha: ref.sha }, { scale: options.run.scale, seed: options.run.seed }, say);
  const baseApi = await spawnApiServer({ ...stack.apiServices, databaseUrl: baseDatabase.url, poolMax, entry: join(base.dir, 'reference-server/main.ts') });
  onCleanup('base API', () => baseApi.stop(), baseApi.pid);
  const urls = { base: baseApi.baseUrl, candidate: stack.api.baseUrl };
  say(`base API ${urls.base} (pid ${baseApi.pid}), candidate API ${urls.candidate} (pid ${stack.api.pid}), a database each in one cluster, one cache`);

  const controlOf = (f: Fixtures): StateControl => ({ restore: true, flushCache: stack.env.redis.source !== 'REDIS_URL', seededChecksum: f.fingerprint.stateChecksum ?? null, token: harnessToken(f) });
  const controls = { base: controlOf(baseDatabase.fixtures), candidate: controlOf(fixtures) };
  const comparisons = options.run.only ?? [...catalogIds];
  const samples = await probeStatements(urls, { comparisons, requests: options.probeRequests, seed: options.run.seed, fixtures, controls, say });
  const probe = [...probeChecks(samples), ...deferredChecks(samples), ...parityChecks(samples)];

  const notes = [
    `Base: ${ref.ref} at ${ref.short}, a git worktree in ${base.dir}. Candidate: ${candidateSays}.`,
    base.deps,
    base.migrations.sentence,
    `Each build ran on a database of its own in one Postgres cluster (the base's ${baseDatabase.name}), migrated and seeded by its own code: a schema change is measured, and neither build's job worker takes the other's jobs. ${sameDataSentence(baseDatabase.fixtures, fixtures)}`,
    `Statements per request, deferred (job) statements and response parity (naive and optimized byte-equal): the same ${options.probeRequests} seeded requests per comparison × variant sent one at a time to each build from the seeded state with an empty cache; 0 tolerance.`,
  ];
  let outcome: GateOutcome;
  if (options.gate.deterministicOnly) {
    const template = { runId: `against-${ref.short}`, gitSha: ref.sha, source: `--against ${ref.ref}`, hostFingerprint: 'this host' };
    outcome = { verdict: 'pass', summary: '', baseline: template, candidate: { ...template, runId: 'working-tree', gitSha: null, source: 'working tree' }, sameHost: true, minEffect: options.gate.minEffect, deterministicOnly: true, checks: probe, notes: [...notes, '--deterministic-only: no timing or SLO check ran.'] };
  } else {
    const rounds = await abbaRounds(urls, options.run, { base: baseDatabase.fixturesPath, candidate: fixturesPath }, controls, say);
    const timing = againstTimingChecks(rounds, options.gate.minEffect, options.run.quick);
    // runGate for the SLO checks and its notes; its own timing checks compare unpaired runs, and the probe replaces its statement checks
    const timed = runGate(timing.merged.base, timing.merged.candidate, { baseline: `--against ${ref.ref}`, candidate: 'working tree' }, options.gate);
    const checks = [...probe, ...timing.checks, ...timed.checks.filter((k) => k.kind === 'slo')];
    const abba = `Timing: ${rounds.base.length} rounds per build in ABBA order (base, candidate, candidate, base, …) of ${options.run.durationSec} s windows, both builds on this host; absolute figures paired by round. Each build is warmed up (${options.run.warmupSec} s a path) in its first round only; the data set is restored and the cache emptied before each round, not between the comparisons inside one.`;
    outcome = { ...timed, checks, sameHost: true, notes: [...notes, abba, familyNote(timing.family), ...timed.notes.filter((n) => !PROBED_NOTES.some((start) => n.startsWith(start)))] };
  }
  outcome.verdict = verdictOf(outcome.checks);
  outcome.summary = summarize(outcome.verdict, outcome.checks);
  return outcome;
}

/** runGate's notes that do not hold here: what the probe checked, the host (one), and its own family of timing checks (replaced by againstTimingChecks'). */
const PROBED_NOTES = ['Different host', 'Response parity', 'Deferred (job) statements', 'Timing intervals'];

/** Whether the two builds' own seeders loaded the same rows: the timing compares like with like only then. */
function sameDataSentence(base: Fixtures, candidate: Fixtures): string {
  const [b, c] = [base.fingerprint.checksum, candidate.fingerprint.checksum];
  return b === c
    ? `Both databases hold the same data set (checksum ${c.slice(0, 12)}).`
    : `The two databases hold different data sets (checksums ${b.slice(0, 12)} base, ${c.slice(0, 12)} candidate): the candidate changed what is seeded, so the timing compares different data.`;
}

/** `repeat` rounds per build, ABBA: round r runs base then candidate when r is odd, candidate then base when even. */
async function abbaRounds(urls: Sides<string>, run: RunOptions, fixturesPaths: Sides<string>, controls: Sides<StateControl>, say: (line: string) => void): Promise<Sides<Results[]>> {
  const [{ runBenchmark }, { createProgress }] = await Promise.all([import('../../run/run-benchmark.ts'), import('../../run/progress.ts')]);
  const out: Sides<Results[]> = { base: [], candidate: [] };
  for (let round = 1; round <= run.repeat; round++) {
    const order = round % 2 === 1 ? (['base', 'candidate'] as const) : (['candidate', 'base'] as const);
    for (const side of order) {
      say(`round ${round}/${run.repeat}: ${side}`);
      await resetState(urls[side], controls[side], controls[side].flushCache, `gate round ${round} (${side})`);
      // the API processes live through every round: each is warmed up once, in its first round
      const options: RunOptions = { ...run, target: urls[side], fixturesPath: fixturesPaths[side], repeat: 1, warmupSec: round === 1 ? run.warmupSec : 0, calibrate: false, floor: false, outDir: join(run.outDir, 'gate-rounds') };
      out[side].push((await runBenchmark(options, createProgress(), `perflab gate --against (round ${round}, ${side})`)).results);
    }
  }
  return out;
}
