import { defineCommand } from 'citty';
import { DRIVER_NAMES } from '../drivers/driver-names.ts';
import { durationFlag, integerSchema, parseFlag } from '../../lib/cli-flags.ts';

export interface CalibrateArgs {
  durationSec: number;
  warmupSec: number;
  connections: number;
  json: boolean;
  target: string | null;
  allowRemote: boolean;
}

/** Pure flag validation: every bad value is a UsageError naming the flag. */
export function parseCalibrateArgs(args: { duration: string; warmup: string; connections: string; json: boolean; target?: string; 'allow-remote': boolean }): CalibrateArgs {
  return {
    durationSec: durationFlag('duration', args.duration, { min: 1, max: 3600 }, 5),
    warmupSec: durationFlag('warmup', args.warmup, { min: 0, max: 600 }, 1),
    connections: parseFlag('connections', integerSchema(1, 10_000), args.connections),
    json: args.json,
    target: args.target ?? null,
    allowRemote: args['allow-remote'],
  };
}

export default defineCommand({
  meta: { name: 'calibrate', description: `Measure the HTTP ceiling of this host (GET /noop) with every driver (${DRIVER_NAMES.join(', ')}) and wrk, and what each generator costs in CPU.` },
  args: {
    duration: { type: 'string', default: '5', description: 'Measured seconds per generator' },
    warmup: { type: 'string', default: '1', description: 'Warm-up seconds per generator (discarded)' },
    connections: { type: 'string', default: '50', description: 'Connections (k6: VUs) per generator' },
    json: { type: 'boolean', default: false, description: 'Print JSON ({ runs, notices }) instead of a table' },
    target: { type: 'string', description: 'Use a running API at this URL instead of starting one' },
    'allow-remote': { type: 'boolean', default: false, description: 'Allow a non-loopback --target' },
  },
  async run({ args }) {
    const options = parseCalibrateArgs(args);
    const [{ calibrate, formatCalibration }, { onCleanup, runCleanup }, { DRIVERS, findDrivers }] = await Promise.all([
      import('../calibrate/calibrate.ts'),
      import('../env/cleanup.ts'),
      import('../drivers/registry.ts'),
    ]);
    const located = await findDrivers(DRIVER_NAMES, DRIVERS);
    let baseUrl: string;
    if (options.target) {
      const { assertLoadTarget } = await import('../run/local-target.ts');
      baseUrl = assertLoadTarget(options.target, options.allowRemote).origin;
    } else {
      baseUrl = await startLocalServer(options.json);
    }
    const controller = new AbortController();
    onCleanup('calibration', () => controller.abort(new Error('interrupted')));
    try {
      const result = await calibrate({
        baseUrl,
        durationSec: options.durationSec,
        warmupSec: options.warmupSec,
        connections: options.connections,
        drivers: located.found,
        signal: controller.signal,
        onStatus: options.json ? undefined : (line) => process.stderr.write(`perflab: ${line}\n`),
      });
      const notices = [...located.missing.map((m) => `${m.missing}: ${m.driver.name} calibration skipped`), ...result.notices];
      if (options.json) process.stdout.write(JSON.stringify({ runs: result.runs, notices }, null, 2) + '\n');
      else process.stdout.write(formatCalibration(result.runs) + notices.map((n) => `note: ${n}\n`).join(''));
    } finally {
      await runCleanup();
    }
  },
});

/** Postgres + Redis (reused from `perflab up` or DATABASE_URL when present) and the API in its own process; no data set. */
async function startLocalServer(quiet: boolean): Promise<string> {
  const { startLocalStack } = await import('../env/local-stack.ts');
  if (!quiet) process.stderr.write('perflab: starting Postgres, Redis and the API …\n');
  const { api } = await startLocalStack();
  return api.baseUrl;
}
