import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { projectRoot } from '../../lib/paths.ts';
import { gateReportSchema, type GateReport } from '../gate/gate-schema.ts';
import { patchedWorktree } from './patched-worktree.ts';
import { redecideGate } from './redecide-rounds.ts';
import { renderStudy, type GateStudy, type InjectedOutcome } from './render-study.ts';
import { falsePositiveRates, minimumDetectableEffects, timingFalsePositives } from './study-figures.ts';

const run = promisify(execFile);
const USAGE = 'npm run study:gate -- [--runs 20] [--patches b,c] [--deterministic-only] [gate --against flags: --quick --only ids --scale tiny --repeat n --duration s]\n       npm run study:gate -- --redecide reports/study-<time> [--rounds reports/gate-rounds]   # its A/A gates decided again with the current timing rules';
const PATCHES: Record<string, string> = { a: 'a-orders-n-plus-one.patch', b: 'b-drop-trigram-index.patch', c: 'c-product-detail-cache-off.patch' };

/** One `perflab gate --against HEAD …` from `cwd`; the parsed gate.json and its exit code. */
async function gateOnce(cwd: string, flags: readonly string[], out: string, env: Record<string, string> = {}): Promise<{ code: number; report: GateReport | null; error: string; seconds: number }> {
  const started = performance.now();
  const args = [join(cwd, 'bench/cli/bin.mjs'), 'gate', '--against', 'HEAD', ...flags, '--out', out];
  const { code, stderr } = await run(process.execPath, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 << 20 }).then(
    (r) => ({ code: 0, stderr: r.stderr }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
  const report = await readFile(join(out, 'gate.json'), 'utf8').then((text) => gateReportSchema.parse(JSON.parse(text)), () => null);
  return { code, report, error: report ? '' : stderr.trim().split('\n').slice(-1)[0] ?? '', seconds: (performance.now() - started) / 1000 };
}

/**
 * `npm run study:gate`: the gate A/A (`--against HEAD` from a clean tree, `--runs` times) for the
 * false-positive rate of each check kind and the minimum detectable effect, then each injected
 * regression (test-fixtures/regressions/) as the candidate in a temporary worktree: caught or not.
 */
async function main(argv: string[]): Promise<number> {
  const { values, tokens } = parseArgs({ args: argv, strict: false, tokens: true, options: { runs: { type: 'string' }, patches: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' }, redecide: { type: 'string' }, rounds: { type: 'string' } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (typeof values.redecide === 'string') return redecide(values.redecide, typeof values.rounds === 'string' ? values.rounds : join(dirname(values.redecide), 'gate-rounds'));
  const runs = Number(values.runs ?? 20);
  if (!Number.isInteger(runs) || runs < 0 || runs > 200) return usage(`--runs must be a whole number 0–200 (0: the patches only), got ${values.runs}`);
  const patches = String(values.patches ?? 'b,c').split(',').filter(Boolean);
  const unknown = patches.find((p) => !PATCHES[p]);
  if (unknown) return usage(`--patches takes ${Object.keys(PATCHES).join(',')}, got ${unknown}`);
  const own = new Set(['runs', 'patches', 'out', 'help']);
  const flags = passThrough(tokens, own);
  const dir = String(values.out ?? join('reports', `study-gate-${new Date().toISOString().replace(/[:.]/g, '-')}`));
  await mkdir(dir, { recursive: true });
  const started = performance.now();

  const aa: GateReport[] = [];
  const aaGates: { exitCode: number; seconds: number }[] = [];
  const failures: string[] = [];
  for (let i = 1; i <= runs; i++) {
    const outcome = await gateOnce(projectRoot, flags, join(dir, `aa-${i}`));
    process.stderr.write(`study:gate: A/A ${i}/${runs}: exit ${outcome.code} in ${Math.round(outcome.seconds)} s${outcome.report ? ` (${outcome.report.summary})` : `: ${outcome.error}`}\n`);
    aaGates.push({ exitCode: outcome.code, seconds: outcome.seconds });
    if (outcome.report) aa.push(outcome.report);
    else failures.push(`A/A ${i}: ${outcome.error}`);
  }
  const injected: InjectedOutcome[] = [];
  for (const id of patches) {
    const tree = await patchedWorktree(PATCHES[id] as string);
    try {
      // a state folder of its own (database, base worktree): a patch that adds a migration must not leave it in the working tree's database
      const outcome = await gateOnce(tree.dir, flags, join(projectRoot, dir, `patch-${id}`), { PERFLAB_HOME: join(tree.dir, '..', 'state') });
      const failed = outcome.report?.checks.filter((c) => c.status === 'fail').map((c) => `${c.name} (${c.kind})`) ?? [];
      injected.push({ patch: PATCHES[id] as string, exitCode: outcome.code, caught: outcome.code === 1, failed, error: outcome.error, seconds: outcome.seconds });
      process.stderr.write(`study:gate: ${PATCHES[id]}: exit ${outcome.code} in ${Math.round(outcome.seconds)} s, ${failed.length} failed check(s)\n`);
    } finally {
      await tree.remove();
    }
  }
  const study = { runs, flags, seconds: (performance.now() - started) / 1000, aaGates, falsePositives: falsePositiveRates(aa), timingFalsePositives: timingFalsePositives(aa), detectableEffects: minimumDetectableEffects(aa), injected, failures };
  await writeFile(join(dir, 'study.json'), `${JSON.stringify(study, null, 2)}\n`);
  const markdown = renderStudy(study);
  await writeFile(join(dir, 'study.md'), markdown);
  process.stdout.write(`${markdown}\nstudy:gate: ${join(dir, 'study.json')}, ${join(dir, 'study.md')}\n`);
  return 0;
}

/**
 * `--redecide <study dir>`: every A/A gate of a finished study decided again from its stored
 * rounds with the current timing rules (the same measurements, today's decisions); writes
 * aa-<n>/gate-redecided.json and study-redecided.json/.md beside the original.
 */
async function redecide(dir: string, roundsDir: string): Promise<number> {
  const study = JSON.parse(await readFile(join(dir, 'study.json'), 'utf8')) as GateStudy;
  const quick = study.flags.includes('--quick');
  const aa: GateReport[] = [];
  const aaGates: GateStudy['aaGates'] = [];
  for (let i = 1; i <= study.runs; i++) {
    const text = await readFile(join(dir, `aa-${i}`, 'gate.json'), 'utf8').catch(() => null);
    if (!text) continue;
    const report = await redecideGate(gateReportSchema.parse(JSON.parse(text)), roundsDir, quick);
    await writeFile(join(dir, `aa-${i}`, 'gate-redecided.json'), `${JSON.stringify(report, null, 2)}\n`);
    aa.push(report);
    aaGates.push({ exitCode: report.exitCode, seconds: study.aaGates[i - 1]?.seconds ?? 0 });
  }
  const again: GateStudy = { ...study, aaGates, falsePositives: falsePositiveRates(aa), timingFalsePositives: timingFalsePositives(aa), detectableEffects: minimumDetectableEffects(aa), injected: [] };
  await writeFile(join(dir, 'study-redecided.json'), `${JSON.stringify(again, null, 2)}\n`);
  const markdown = renderStudy(again);
  await writeFile(join(dir, 'study-redecided.md'), markdown);
  process.stdout.write(`${markdown}\nstudy:gate: ${aa.length} A/A gates decided again: ${join(dir, 'study-redecided.md')}\n`);
  return 0;
}

/** The flags meant for `perflab gate`, in order; a value after an unknown flag (parseArgs leaves it positional) goes with it. */
function passThrough(tokens: NonNullable<ReturnType<typeof parseArgs>['tokens']>, own: Set<string>): string[] {
  const flags: string[] = [];
  let forGate = false;
  for (const token of tokens) {
    if (token.kind === 'option') {
      forGate = !own.has(token.name);
      if (forGate) flags.push(token.rawName, ...(token.value !== undefined ? [token.value] : []));
    } else if (token.kind === 'positional' && forGate) flags.push(token.value);
  }
  return flags;
}

function usage(line: string): number {
  process.stderr.write(`study:gate: ${line}\n${USAGE}\n`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
