import type { HostInfo } from '../results/types.ts';

/**
 * The host facts a timing depends on, in a fixed order: CPU model, logical CPUs, memory,
 * Node.js, PostgreSQL version and cache backend. Left out on purpose: hostname (a CI runner
 * is renamed every job, the hardware is what matters), OS kernel release, Redis version and
 * driver versions (they move without changing the server's speed much; drivers are checked
 * per check by name). Absolute figures (req/s, ms) compare only between equal fingerprints.
 */
export function hostFingerprint(host: HostInfo): Record<string, string> {
  return {
    cpuModel: host.cpuModel,
    cpus: String(host.cpus),
    memory: `${Math.round(host.memoryBytes / 1024 ** 3)} GiB`,
    node: host.node,
    postgres: host.postgres.version,
    cacheBackend: host.cacheBackend,
  };
}

/** The fingerprint as one line, e.g. "cpuModel=… cpus=2 memory=8 GiB node=v22… postgres=17.2 cacheBackend=redis". */
export function hostFingerprintText(host: HostInfo): string {
  return Object.entries(hostFingerprint(host)).map(([key, value]) => `${key}=${value}`).join(' ');
}

/** The fields where two hosts differ, worded "cpus 2 vs 4"; empty when the fingerprints are equal. */
export function hostDifferences(baseline: HostInfo, candidate: HostInfo): string[] {
  const a = hostFingerprint(baseline);
  const b = hostFingerprint(candidate);
  return Object.keys(a).filter((key) => a[key] !== b[key]).map((key) => `${key} ${a[key]} vs ${b[key]}`);
}
