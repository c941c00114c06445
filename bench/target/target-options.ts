import { existsSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { UsageError } from '../../lib/usage-error.ts';
import type { DriverName } from '../drivers/driver-names.ts';
import { parseRunOptions, type RawRunArgs, type RunOptions } from '../run/run-options.ts';

/** One `--scenario` file: a k6 script (`.js`, `.ts`) run by k6, or a request list (`.json`) replayed by autocannon. */
export interface TargetScenario {
  path: string;
  /** The file name, as reports name the side. */
  name: string;
  kind: 'k6-script' | 'request-list';
}

export interface TargetOptions {
  run: RunOptions & { target: string };
  /** One file: measured alone; two: compared, first as the baseline (the `naive` slot), second as the candidate (`optimized`). */
  scenarios: TargetScenario[];
  driver: DriverName;
  /** The API's Postgres, for pg_stat_statements deltas; null: no statement counts. */
  databaseUrl: string | null;
}

const KINDS: Record<string, TargetScenario['kind']> = { '.json': 'request-list', '.js': 'k6-script', '.mjs': 'k6-script', '.ts': 'k6-script' };
// flags that only mean something for the reference API perflab starts
const NOT_FOR_TARGET = ['only', 'suite', 'floor', 'db-latency', 'cache-latency', 'fixtures', 'instances', 'driver', 'scale'];

/** Every `--scenario` value in order (citty keeps only the last of a repeated flag). */
export function scenarioFlags(rawArgs: readonly string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i] as string;
    if (arg === '--') break;
    if (arg.startsWith('--scenario=')) values.push(arg.slice('--scenario='.length));
    else if (arg === '--scenario') values.push(rawArgs[++i] ?? '');
  }
  return values;
}

/** Flags → options of a run against the user's API, or a UsageError (exit 2) naming what is wrong. */
export function parseTargetOptions(raw: RawRunArgs, rawArgs: readonly string[], positionals: readonly string[]): TargetOptions {
  const paths = scenarioFlags(rawArgs);
  if (raw.target === undefined) throw new UsageError('--scenario runs against your API: give its base URL with --target (loopback unless --allow-remote)');
  if (positionals.length > 0) throw new UsageError(`--scenario runs your files, not catalog comparisons: drop '${positionals.join(' ')}'`);
  const misplaced = NOT_FOR_TARGET.find((flag) => rawArgs.some((a) => a === `--${flag}` || a.startsWith(`--${flag}=`)));
  if (misplaced) throw new UsageError(`--${misplaced} does not apply with --scenario (the file type picks the driver: .json autocannon, .js/.ts k6)`);
  if (paths.length === 0) throw new UsageError('--database-url counts the statements of your API under a --scenario: give --target URL and --scenario file too');
  if (paths.length > 2) throw new UsageError(`--scenario: give one file (measured alone) or two (compared), got ${paths.length}`);
  const scenarios = paths.map(readScenario);
  const kinds = new Set(scenarios.map((s) => s.kind));
  if (kinds.size > 1) throw new UsageError('--scenario: both files must be of one kind (two .json request lists or two k6 scripts): a comparison varies one factor, not the load generator');
  const run = parseRunOptions({ ...raw, driver: undefined }, [], []) as RunOptions & { target: string };
  return { run, scenarios, driver: scenarios[0]?.kind === 'k6-script' ? 'k6' : 'autocannon', databaseUrl: databaseUrlFlag(raw['database-url']) };
}

function readScenario(path: string): TargetScenario {
  if (path === '') throw new UsageError('--scenario needs a file path');
  const kind = KINDS[extname(path).toLowerCase()];
  if (!kind) throw new UsageError(`--scenario ${path}: expected a .json request list or a .js/.ts k6 script`);
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`--scenario ${path}: file not found`);
  return { path: resolve(path), name: basename(path), kind };
}

function databaseUrlFlag(value: string | boolean | undefined): string | null {
  if (value === undefined) return null;
  const text = String(value);
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')) throw new UsageError('--database-url must be a postgres://user:password@host:port/database URL');
  return text;
}
