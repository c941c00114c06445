import { defineCommand, runCommand, type ArgsDef, type CommandDef } from 'citty';
import { renderHelp } from './render-help.ts';
import { rejectUnknownFlags } from './unknown-flags.ts';
import { UsageError } from '../../lib/usage-error.ts';
import packageJson from '../../package.json' with { type: 'json' };
import { runCleanup } from '../env/cleanup.ts';

/** Subcommands load lazily so `perflab --help` never pays for the server or the drivers. */
export const subCommands: Record<string, () => Promise<CommandDef<any>>> = {
  up: () => import('./up.ts').then((m) => m.default),
  down: () => import('./down.ts').then((m) => m.default),
  doctor: () => import('./doctor.ts').then((m) => m.default),
  seed: () => import('./seed.ts').then((m) => m.default),
  'bench-seed': () => import('./bench-seed.ts').then((m) => m.default),
  serve: () => import('./serve.ts').then((m) => m.default),
  run: () => import('./run.ts').then((m) => m.default),
  report: () => import('./report.ts').then((m) => m.default),
  calibrate: () => import('./calibrate.ts').then((m) => m.default),
  gate: () => import('./gate.ts').then((m) => m.default),
  baseline: () => import('./baseline.ts').then((m) => m.default),
  export: () => import('./export.ts').then((m) => m.default),
  micro: () => import('./micro.ts').then((m) => m.default),
  k8s: () => import('./k8s.ts').then((m) => m.default),
  merge: () => import('./merge.ts').then((m) => m.default),
  capacity: () => import('./capacity.ts').then((m) => m.default),
  scale: () => import('./scale.ts').then((m) => m.default),
};

export const perflab = defineCommand({
  meta: { name: 'perflab', version: packageJson.version, description: 'Measure what backend anti-patterns and their fixes cost.' },
  subCommands,
});

/** Entry point: `--help` anywhere prints usage; user errors print one line and exit non-zero. */
export async function main(argv: string[]): Promise<void> {
  try {
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h') {
      process.stdout.write(await renderHelp(perflab));
      if (!name) process.exitCode = 2;
      return;
    }
    if (name === '--version' || name === '-v') {
      process.stdout.write(`${packageJson.version}\n`);
      return;
    }
    const load = subCommands[name];
    if (!load) throw new UsageError(`unknown command '${name}' (commands: ${Object.keys(subCommands).join(', ')})`);
    const command = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(await renderHelp(command, perflab));
      return;
    }
    rejectUnknownFlags(rest, (await resolveArgs(command)) ?? {});
    await runCommand(command, { rawArgs: rest });
  } catch (error) {
    // every failure path of every command: stop what it started (Postgres, redis-server, the API) before answering
    await runCleanup();
    if (error instanceof UsageError) {
      process.stderr.write(`perflab: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    // a failure the user did not cause (a server that died, a generator that crashed): one line, stack on request
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`perflab: failed: ${message}${process.env.PERFLAB_DEBUG ? `\n${(error as Error).stack ?? ''}` : ' (PERFLAB_DEBUG=1 shows the stack)'}\n`);
    // 2, not 1: for `run`, 1 means "an optimized path missed its SLO", and a crash must not read as that
    process.exitCode = 2;
  }
}

async function resolveArgs(command: CommandDef<any>): Promise<ArgsDef | undefined> {
  const args = command.args;
  return typeof args === 'function' ? await args() : await args;
}
