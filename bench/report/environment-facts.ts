import { formatBytes } from './format-figures.ts';
import { DRIVER_NAMES, type DriverName } from '../drivers/driver-names.ts';
import type { LoadModel, Results } from '../results/types.ts';

/** One labelled line of the environment a run measured, in words a reader can act on. */
export interface Fact {
  label: string;
  value: string;
}

/** The host, services and data set behind a run, shared by the Markdown and HTML reports. */
export function environmentFacts(results: Results): Fact[] {
  const { run, dataset } = results;
  const { host, options } = run;
  return [
    { label: 'Run', value: `${run.id}, ${run.startedAt} → ${run.finishedAt}${run.gitSha ? `, git ${run.gitSha.slice(0, 12)}${run.dirty ? ' with uncommitted changes (the commit alone does not say what ran)' : ''}` : ''}` },
    { label: 'Command', value: run.command },
    { label: 'Host', value: `${host.cpuModel}, ${host.cpus} ${host.cpus === 1 ? 'core' : 'cores'}, ${formatBytes(host.memoryBytes)} memory, ${host.os} (${host.hostname})` },
    { label: 'Node', value: host.node },
    { label: 'Postgres', value: `${host.postgres.version} (${host.postgres.source})` },
    { label: 'Redis', value: host.redis.version ? `${host.redis.version} (${host.redis.source})` : `none (${host.redis.source})` },
    { label: 'Cache', value: cacheInWords(host.cacheBackend) },
    { label: 'Added latency', value: addedLatencyInWords(options) },
    { label: 'Libraries', value: Object.entries(host.libraries).map(([name, version]) => `${name} ${version ?? 'not installed'}`).join(', ') },
    { label: 'API settings', value: host.serverSettings ? serverSettingsInWords(host.serverSettings) : 'unknown (an API perflab did not start)' },
    { label: 'Postgres settings', value: host.postgresSettings ? Object.entries(host.postgresSettings).map(([name, value]) => `${name} ${value}`).join(', ') : 'unknown (an API perflab did not start)' },
    ...DRIVER_NAMES.map((name) => ({ label: name, value: driverInWords(results, name) })),
    { label: 'Data set', value: datasetInWords(dataset) },
    {
      label: 'Load',
      value: `${loadModelsInWords(results)}; ${options.durationSec} s per run after ${options.warmupSec} s warm-up, ${options.repeat} ${options.repeat === 1 ? 'repeat' : 'repeats'} per variant${options.quick ? ', quick mode' : ''}, target ${options.target}`,
    },
  ];
}

/** Whether the run used a generator, and when it did not, why: not found, or not chosen (the default driver is another). */
function driverInWords({ run }: Results, name: DriverName): string {
  const found = run.host.drivers.find((driver) => driver.name === name);
  const used = run.options.drivers.includes(name);
  if (!found) return used ? 'not found: its scenarios were not run' : 'not found';
  if (used) return `${found.version}, used`;
  const { defaultDriver, drivers } = run.options;
  const chosen = drivers.length === 1 && drivers[0] === defaultDriver ? `default driver: ${defaultDriver}` : `--driver ${drivers.join(',')}`;
  return `${found.version}, not used (${chosen}; \`--driver all\` runs every driver)`;
}

/** Each driver's load model as its runs stored it (k6 always runs open, whatever the flags): "autocannon: closed model, 10 connections". */
function loadModelsInWords({ run, variants }: Results): string {
  const parts = run.options.drivers.map((driver) => {
    const models = variants.filter((variant) => variant.driver === driver).map((variant) => variant.loadModel);
    const closed = models.filter((model) => model.type === 'closed').map((model) => model.connections);
    const open = models.filter((model): model is Extract<LoadModel, { type: 'open' }> => model.type === 'open');
    const words = [
      closed.length > 0 ? `closed model, ${range(closed)} connections` : null,
      open.length > 0 ? `open model, ${range(open.map((model) => model.rate))} req/s offered, up to ${range(open.map((model) => model.maxConnections))} connections` : null,
    ].filter((text) => text !== null);
    return `${driver}: ${words.length > 0 ? words.join(' and ') : 'no run completed'}`;
  });
  return parts.join('; ');
}

function range(values: number[]): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? low.toLocaleString('en-US') : `${low.toLocaleString('en-US')}–${high.toLocaleString('en-US')}`;
}

function addedLatencyInWords({ dbLatencyMs, cacheLatencyMs }: Results['run']['options']): string {
  if (dbLatencyMs === 0 && cacheLatencyMs === 0) return 'none: the API reached Postgres and Redis over loopback (~0.05 ms a round trip), so per-statement costs are smaller than behind a real network';
  return `Postgres +${dbLatencyMs} ms, Redis +${cacheLatencyMs} ms per round trip (Toxiproxy latency toxic)`;
}

function serverSettingsInWords(settings: NonNullable<Results['run']['host']['serverSettings']>): string {
  const s = settings;
  return `pool ${s.dbPoolMax}, statement timeout ${s.statementTimeoutMs} ms, connect timeout ${s.dbConnectTimeoutSec} s, request timeout ${s.requestTimeoutMs} ms, admission ${s.maxInFlight} in flight + ${s.maxQueued} queued, body limit ${formatBytes(s.bodyLimitBytes)}, cache TTL ${s.cacheTtlSec} s`;
}

function cacheInWords(backend: Results['run']['host']['cacheBackend']): string {
  if (backend === 'unknown') return "not known: your API's own (perflab did not start it)";
  return backend === 'redis'
    ? 'Redis (cache-aside over the network, as in production)'
    : 'in-process memory, because no Redis was available: cached paths skip the network round trip a real Redis costs, so their figures flatter the optimized side';
}

function datasetInWords(dataset: Results['dataset']): string {
  // sorted by table name: results.json keeps the order the seeder reported, which differs between runs
  const rows = Object.entries(dataset.rows)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([table, count]) => `${count.toLocaleString('en-US')} ${table}`)
    .join(', ');
  return `scale ${dataset.scale}, seed ${dataset.seed}, schema v${dataset.schemaVersion}${rows ? `: ${rows}` : ''}; checksum ${dataset.checksum}`;
}
