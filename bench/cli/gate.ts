import { readResultsArg } from './read-results-arg.ts';
import { dirname, join } from 'node:path';
import { defineCommand } from 'citty';
import { enumFlag, integerFlag } from '../../lib/cli-flags.ts';
import { UsageError } from '../../lib/usage-error.ts';
import { runCleanup } from '../env/cleanup.ts';
import type { InconclusivePolicy } from '../gate/gate-exit-code.ts';
import { DEFAULT_GATE_OPTIONS } from '../gate/gate-options.ts';
import { renderGateMarkdown } from '../gate/render-gate-markdown.ts';
import { historyPath, readHistory } from '../gate/history.ts';
import { runHistoryGate } from '../gate/history-gate.ts';
import { GateInputError, runGate } from '../gate/run-gate.ts';
import { gateReport, writeGateReports } from '../gate/write-gate-reports.ts';
import type { Results } from '../results/types.ts';
import { parseRunOptions, type RunOptions } from '../run/run-options.ts';
import { catalogIds } from '../../scenarios/catalog.ts';

export interface GateCliOptions {
  /** Path of the baseline results.json; null with --baseline-from-history. */
  baseline: string | null;
  /** --baseline-from-history N: the median of the last N same-host runs in <reports>/history.jsonl. */
  fromHistory: number | null;
  reports: string;
  candidate: string | null;
  deterministicOnly: boolean;
  inconclusive: InconclusivePolicy;
  minEffect: number;
  out: string | null;
  /** --against <ref>: base ref built beside the working tree; null otherwise. */
  against: { ref: string; run: RunOptions; probeRequests: number } | null;
}

/**
 * `--against` rounds per build and window shape unless given, sized for the budgets on a 2-core
 * host over the core suite (20 windows a round; each build warmed up in its first round only):
 * default 8 rounds × 20 × 2 s + warm-up + start ≈ 7 min (≤ 10), quick 6 × 20 × 1 s ≈ 3.5 min (≤ 4).
 * 3 rounds is the fewest that give intervals.
 */
export const AGAINST_PRESETS = {
  default: { repeat: 4, durationSec: 2, warmupSec: 1 },
  quick: { repeat: 3, durationSec: 1, warmupSec: 1 },
} as const;

/** Flags of `perflab run` that `--against` passes to its rounds. */
const AGAINST_RUN_FLAGS = ['only', 'suite', 'quick', 'duration', 'warmup', 'repeat', 'driver', 'scale', 'seed', 'connections', 'rate'] as const;

/** Pure: the parsed flags, checked. */
export function parseGateArgs(args: Partial<Record<string, string | boolean | string[] | undefined>>): GateCliOptions {
  if (args.against !== undefined) return parseAgainstArgs(args);
  const stray = AGAINST_RUN_FLAGS.find((flag) => args[flag] !== undefined && args[flag] !== false);
  if (stray) throw new UsageError(`--${stray} applies to --against only (a fresh run against --baseline repeats the baseline's options)`);
  const baseline = typeof args.baseline === 'string' && args.baseline !== '' ? args.baseline : null;
  const fromHistory = integerFlag('baseline-from-history', args['baseline-from-history'], { min: 1, max: 1000 }) ?? null;
  if (baseline && fromHistory) throw new UsageError('give --baseline or --baseline-from-history, not both');
  if (!baseline && !fromHistory) throw new UsageError('gate needs --baseline <results.json> (e.g. reports/baselines/main.json, saved by perflab baseline save) or --baseline-from-history N');
  const candidate = typeof args.candidate === 'string' && args.candidate !== '' ? args.candidate : null;
  if (args.candidate !== undefined && candidate === null) throw new UsageError('--candidate needs the path of a results.json');
  if (fromHistory && !candidate) throw new UsageError('--baseline-from-history needs --candidate <results.json> (the run to gate)');
  return {
    baseline,
    fromHistory,
    reports: typeof args.reports === 'string' && args.reports !== '' ? args.reports : 'reports',
    candidate,
    deterministicOnly: args['deterministic-only'] === true,
    inconclusive: enumFlag('inconclusive', args.inconclusive, ['exit-3', 'pass', 'fail'], 'exit-3'),
    minEffect: integerFlag('min-effect', args['min-effect'], { min: 1, max: 100 }, DEFAULT_GATE_OPTIONS.minEffect * 100) / 100,
    out: typeof args.out === 'string' && args.out !== '' ? args.out : null,
    against: null,
  };
}

function parseAgainstArgs(args: Partial<Record<string, string | boolean | string[] | undefined>>): GateCliOptions {
  const ref = typeof args.against === 'string' ? args.against.trim() : '';
  if (ref === '') throw new UsageError('--against needs a git ref, e.g. --against origin/main or --against HEAD');
  const both = ['baseline', 'candidate', 'baseline-from-history'].find((flag) => args[flag] !== undefined);
  if (both) throw new UsageError(`--against measures the base ref and the working tree itself: drop --${both}`);
  const raw = Object.fromEntries(AGAINST_RUN_FLAGS.filter((flag) => args[flag] !== undefined).map((flag) => [flag, args[flag] as string | boolean]));
  const parsed = parseRunOptions(raw, catalogIds);
  const preset = AGAINST_PRESETS[parsed.quick ? 'quick' : 'default'];
  const run = { ...parsed, repeat: raw.repeat === undefined ? preset.repeat : parsed.repeat, durationSec: raw.duration === undefined ? preset.durationSec : parsed.durationSec, warmupSec: raw.warmup === undefined ? preset.warmupSec : parsed.warmupSec };
  return {
    baseline: null,
    fromHistory: null,
    reports: 'reports',
    candidate: null,
    deterministicOnly: args['deterministic-only'] === true,
    inconclusive: enumFlag('inconclusive', args.inconclusive, ['exit-3', 'pass', 'fail'], 'exit-3'),
    minEffect: integerFlag('min-effect', args['min-effect'], { min: 1, max: 100 }, DEFAULT_GATE_OPTIONS.minEffect * 100) / 100,
    out: typeof args.out === 'string' && args.out !== '' ? args.out : null,
    against: { ref, run, probeRequests: integerFlag('probe-requests', args['probe-requests'], { min: 1, max: 100 }, 4) },
  };
}

/** A fresh `perflab run` with the baseline's options; returns its results and directory. */
async function freshRun(baseline: Results): Promise<{ results: Results; dir: string }> {
  const [{ runBenchmark }, { createProgress }, { rerunOptions }, { catalogIds }] = await Promise.all([
    import('../run/run-benchmark.ts'),
    import('../run/progress.ts'),
    import('../gate/rerun-options.ts'),
    import('../../scenarios/catalog.ts'),
  ]);
  const outcome = await runBenchmark(rerunOptions(baseline, catalogIds), createProgress(), 'perflab gate (fresh run with the baseline\'s options)');
  return { results: outcome.results, dir: outcome.dir };
}

/** `perflab gate`: the checks, gate.json/gate.md/gate-junit.xml written, gate.md printed, the exit code set. */
export async function gate(options: GateCliOptions): Promise<number> {
  const gateOptions = { minEffect: options.minEffect, deterministicOnly: options.deterministicOnly };
  if (options.against) return gateAgainst(options, options.against);
  const baseline = options.baseline ? await readResultsArg(options.baseline, 'baseline') : null;
  const candidateRun = options.candidate ? { results: await readResultsArg(options.candidate, 'candidate'), dir: dirname(options.candidate) } : await freshRun(baseline as Results);
  const candidatePath = options.candidate ?? join(candidateRun.dir, 'results.json');
  let outcome;
  try {
    if (baseline && options.baseline) outcome = runGate(baseline, candidateRun.results, { baseline: options.baseline, candidate: candidatePath }, gateOptions);
    else {
      const { lines, unreadable } = await readHistory(options.reports);
      if (unreadable > 0) process.stderr.write(`gate: ${unreadable} unreadable line(s) in ${historyPath(options.reports)} skipped\n`);
      outcome = runHistoryGate(lines, candidateRun.results, options.fromHistory as number, { history: historyPath(options.reports), candidate: candidatePath }, gateOptions);
    }
  } catch (error) {
    if (error instanceof GateInputError) throw new UsageError(error.message);
    throw error;
  }
  const report = gateReport(outcome, options.inconclusive);
  const files = await writeGateReports(options.out ?? candidateRun.dir, report);
  process.stdout.write(`${renderGateMarkdown(report)}\n`);
  process.stderr.write(`gate: ${files.join(', ')}\n`);
  return report.exitCode;
}

/** `perflab gate --against <ref>`: reports into --out or reports/gate-<time>/. */
async function gateAgainst(options: GateCliOptions, against: NonNullable<GateCliOptions['against']>): Promise<number> {
  const { runAgainst } = await import('../gate/against/run-against.ts');
  const say = (line: string) => process.stderr.write(`gate: ${line}\n`);
  const outcome = await runAgainst({ ref: against.ref, run: against.run, gate: { minEffect: options.minEffect, deterministicOnly: options.deterministicOnly }, probeRequests: against.probeRequests, say });
  const report = gateReport(outcome, options.inconclusive);
  const dir = options.out ?? join(against.run.outDir, `gate-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const files = await writeGateReports(dir, report);
  process.stdout.write(`${renderGateMarkdown(report)}\n`);
  process.stderr.write(`gate: ${files.join(', ')}\n`);
  return report.exitCode;
}

export default defineCommand({
  meta: {
    name: 'gate',
    description:
      'Fail a change that makes the API slower or chattier. Exit 0 pass, 1 regression, 2 usage, 3 could not decide (see --inconclusive). Writes gate.json, gate.md (for $GITHUB_STEP_SUMMARY) and gate-junit.xml. --against <ref>: the ref built beside the working tree, each build on its own database in one cluster, measured in ABBA rounds.',
  },
  args: {
    baseline: { type: 'string', description: 'results.json to compare against (e.g. reports/baselines/main.json)', valueHint: 'path' },
    'baseline-from-history': { type: 'string', description: 'baseline = median of the last N same-host runs in reports/history.jsonl (needs --candidate)', valueHint: 'n' },
    reports: { type: 'string', description: 'reports directory holding history.jsonl (default reports)', valueHint: 'dir' },
    candidate: { type: 'string', description: 'results.json of the change; without it, a fresh perflab run with the baseline\'s options', valueHint: 'path' },
    'deterministic-only': { type: 'boolean', description: 'only statements per request (0% tolerance; with --against also job statements and parity): no timing check' },
    inconclusive: { type: 'string', description: 'what "could not decide" exits with: exit-3 (default) | pass | fail', valueHint: 'policy' },
    'min-effect': { type: 'string', description: `smallest worsening called a regression, percent (default ${DEFAULT_GATE_OPTIONS.minEffect * 100})`, valueHint: '%' },
    out: { type: 'string', description: 'directory for gate.json/gate.md/gate-junit.xml (default: the candidate run\'s directory)', valueHint: 'dir' },
    against: { type: 'string', description: 'gate the working tree against a git ref (a worktree of it, its own deps and database, ABBA rounds)', valueHint: 'ref' },
    'probe-requests': { type: 'string', description: 'with --against: requests per comparison × variant of the statement probe (default 4)', valueHint: 'n' },
    only: { type: 'string', description: 'with --against: comparisons to gate (comma-separated ids)', valueHint: 'ids' },
    suite: { type: 'string', description: 'with --against: comparison suite (as perflab run)', valueHint: 'name' },
    quick: { type: 'boolean', description: 'with --against: 3 rounds per build of 1 s windows (default 4 rounds of 2 s)' },
    duration: { type: 'string', description: 'with --against: seconds per measured window (default 2, quick 1)', valueHint: 's' },
    warmup: { type: 'string', description: 'with --against: warm-up seconds per path, in each build\'s first round (default 1)', valueHint: 's' },
    repeat: { type: 'string', description: 'with --against: ABBA rounds per build (default 4, quick 3; 3 or more give intervals)', valueHint: 'n' },
    driver: { type: 'string', description: 'with --against: load generator (as perflab run)', valueHint: 'name' },
    scale: { type: 'string', description: 'with --against: data set scale tiny|default|large', valueHint: 'scale' },
    seed: { type: 'string', description: 'with --against: data set seed', valueHint: 'n' },
    connections: { type: 'string', description: 'with --against: closed-model connections', valueHint: 'n' },
    rate: { type: 'string', description: 'with --against: open-model arrival rate', valueHint: 'req/s' },
  },
  async run({ args }) {
    try {
      process.exitCode = await gate(parseGateArgs(args));
    } finally {
      await runCleanup();
    }
  },
});
