import pc from 'picocolors';
import { renderTerminalSummary } from '../report/render-terminal.ts';
import type { RawRunArgs } from '../run/run-options.ts';
import { createProgress } from '../run/progress.ts';
import { appendStepSummary } from './step-summary.ts';
import { runTarget } from '../target/run-target.ts';
import { parseTargetOptions } from '../target/target-options.ts';

/** `perflab run --target URL --scenario file…`: parse, run, print the summary, set the exit code. */
export async function runTargetCommand(args: RawRunArgs & { _?: unknown[] }, rawArgs: readonly string[]): Promise<void> {
  const options = parseTargetOptions(args, rawArgs, (args._ ?? []).map(String));
  const progress = createProgress();
  const outcome = await runTarget(options, progress, ['perflab', 'run', ...rawArgs].join(' '));
  if (options.run.json) process.stdout.write(`${JSON.stringify(outcome.results, null, 2)}\n`);
  else process.stdout.write(`\n${renderTerminalSummary(outcome.results, { color: process.stdout.isTTY === true && pc.isColorSupported, files: outcome.files })}`);
  const stepSummary = await appendStepSummary(process.env, outcome.files);
  if (stepSummary) progress.line(`results.md appended to $GITHUB_STEP_SUMMARY (${stepSummary})`);
  process.exitCode = outcome.exitCode;
}
