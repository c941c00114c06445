import { formatBytes } from './format-figures.ts';
import type { Results } from '../results/types.ts';

/** One labelled line of the environment a run measured, in words a reader can act on. */
export interface Fact {
  label: string;
  value: string;
}

/** The host, services and data set behind a run, shared by the Markdown and HTML reports. */
export function environmentFacts({ run, dataset }: Results): Fact[] {
  const { host, options } = run;
  const connections = options.connections === null ? 'per-comparison connections from the catalog' : `${options.connections} connections`;
  const load = options.rate === null ? `${connections} (closed model)` : `${options.rate} req/s offered (open model), up to ${connections}`;
  return [
    { label: 'Run', value: `${run.id}, ${run.startedAt} → ${run.finishedAt}${run.gitSha ? `, git ${run.gitSha.slice(0, 12)}` : ''}` },
    { label: 'Command', value: run.command },
    { label: 'Host', value: `${host.cpuModel}, ${host.cpus} ${host.cpus === 1 ? 'core' : 'cores'}, ${formatBytes(host.memoryBytes)} memory, ${host.os} (${host.hostname})` },
    { label: 'Node', value: host.node },
    { label: 'Postgres', value: `${host.postgres.version} (${host.postgres.source})` },
    { label: 'Redis', value: host.redis.version ? `${host.redis.version} (${host.redis.source})` : `none (${host.redis.source})` },
    { label: 'Cache', value: cacheInWords(host.cacheBackend) },
    { label: 'k6', value: host.k6 ?? 'not found: k6 scenarios were not run' },
    { label: 'Data set', value: datasetInWords(dataset) },
    {
      label: 'Load',
      value: `${options.drivers.join(' + ')}, ${options.durationSec} s per run after ${options.warmupSec} s warm-up, ${options.repeat} ${options.repeat === 1 ? 'repeat' : 'repeats'} per variant, ${load}${options.quick ? ', quick mode' : ''}, target ${options.target}`,
    },
  ];
}

function cacheInWords(backend: Results['run']['host']['cacheBackend']): string {
  return backend === 'redis'
    ? 'Redis (cache-aside over the network, as in production)'
    : 'in-process memory, because no Redis was available: cached paths skip the network round trip a real Redis costs, so their figures flatter the optimized side';
}

function datasetInWords(dataset: Results['dataset']): string {
  const rows = Object.entries(dataset.rows)
    .map(([table, count]) => `${count.toLocaleString('en-US')} ${table}`)
    .join(', ');
  return `scale ${dataset.scale}, seed ${dataset.seed}, schema v${dataset.schemaVersion}${rows ? `: ${rows}` : ''}; checksum ${dataset.checksum}`;
}
