import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { catalogEntry } from '../../scenarios/catalog.ts';
import { expandRequests } from '../../scenarios/expand.ts';
import type { Fixtures } from '../../scenarios/types.ts';
import { registerChild } from '../env/cleanup.ts';
import type { Floor, VariantAggregate } from '../results/types.ts';
import type { FloorJob, FloorOutcome } from './floor-worker.ts';

const WORKER = fileURLToPath(new URL('./floor-worker.ts', import.meta.url));
const TSX_LOADER = import.meta.resolve('tsx');
const REQUESTS_PER_FLOOR = 2_000;

export interface FloorOptions {
  /** DATABASE_URL, REDIS_URL and PERFLAB_DB_POOL_MAX exactly as the API got them (proxy included). */
  apiEnv: Record<string, string>;
  fixtures: Fixtures;
  seed: number;
  connections: number | null;
  warmupSec: number;
  durationSec: number;
}

/** Comparisons a floor means something for: reads (a write's floor would change the state the next run measures). */
export function floorComparisons(ids: readonly string[]): string[] {
  return ids.filter((id) => catalogEntry(id).method === 'GET');
}

/** Measures one comparison's floor in a child process; the optimized endpoint's share comes from `variants`. */
export async function measureFloor(comparison: string, options: FloorOptions, variants: readonly VariantAggregate[]): Promise<Floor> {
  const entry = catalogEntry(comparison);
  const connections = options.connections ?? entry.load.closed.connections;
  const requests = expandRequests(entry, 'optimized', options.fixtures, { count: REQUESTS_PER_FLOOR, seed: options.seed * 1000 });
  const job: FloorJob = { comparison, requests, concurrency: connections, warmupSec: options.warmupSec, durationSec: options.durationSec };
  const outcome = await runWorker(job, options.apiEnv);
  const opsPerSec = outcome.seconds > 0 ? outcome.ops / outcome.seconds : 0;
  const endpoint = variants.find((v) => v.comparison === comparison && v.variant === 'optimized' && v.loadModel.type === 'closed' && v.loadModel.connections === connections);
  const endpointThroughput = endpoint?.throughput ?? null;
  return {
    comparison,
    connections,
    durationSec: options.durationSec,
    opsPerSec,
    failed: outcome.failed,
    endpointThroughput,
    share: endpointThroughput !== null && opsPerSec > 0 ? endpointThroughput / opsPerSec : null,
  };
}

function runWorker(job: FloorJob, apiEnv: Record<string, string>): Promise<FloorOutcome> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, WORKER], { env: { ...process.env, ...apiEnv }, stdio: ['pipe', 'pipe', 'pipe'] });
  const unregister = registerChild(`floor worker (${job.comparison})`, child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  child.stdin.end(JSON.stringify(job));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      unregister();
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`floor of ${job.comparison} failed (exit ${code}): ${stderr.trim().split('\n').at(-1) ?? ''}`));
      else resolve(JSON.parse(line) as FloorOutcome);
    });
  });
}
