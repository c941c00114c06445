import { gitDirty } from '../run/reproducibility.ts';
import { SCHEMA_VERSION } from '../../reference-server/db/schema.ts';
import { DEFAULT_DRIVER } from '../run/run-options.ts';
import { describeHost, gitSha } from '../run/host-info.ts';
import { projectRoot } from '../../lib/paths.ts';
import { RESULTS_SCHEMA_VERSION, type MicroSection, type Results } from '../results/types.ts';
import { MICRO_SEED, microInputsFingerprint } from './micro-inputs.ts';

const NOT_USED = 'not used: micro-benchmarks run in process';

/** What a micro run needs to say about itself besides its figures. */
export interface MicroRunRecord {
  id: string;
  startedAt: Date;
  finishedAt: Date;
  command: string;
  quick: boolean;
  micro: MicroSection;
  notices: string[];
}

/**
 * A results.json for a micro-only run: no scenarios, no database; the data set record describes
 * the generated inputs (seed, rows, checksum), so a gate can tell two runs timed the same bytes.
 */
export function microResults(record: MicroRunRecord): Results {
  const inputs = microInputsFingerprint();
  const { micro } = record;
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    run: {
      id: record.id,
      startedAt: record.startedAt.toISOString(),
      finishedAt: record.finishedAt.toISOString(),
      complete: true,
      gitSha: gitSha(projectRoot),
      dirty: gitDirty(projectRoot),
      command: record.command,
      options: {
        drivers: [],
        defaultDriver: DEFAULT_DRIVER,
        durationSec: micro.options.timeMs / 1000,
        warmupSec: micro.options.warmupMs / 1000,
        repeat: micro.options.repeats,
        connections: null,
        rate: null,
        quick: record.quick,
        target: 'in process (micro-benchmarks)',
        dbLatencyMs: 0,
        cacheLatencyMs: 0,
        instances: 1,
      },
      host: describeHost({ postgres: { version: 'none', source: NOT_USED }, redis: { version: null, source: NOT_USED }, cacheBackend: 'in-process', serverSettings: null, postgresSettings: null }, []),
    },
    dataset: { scale: 'micro-inputs', seed: MICRO_SEED, schemaVersion: SCHEMA_VERSION, rows: inputs.rows, checksum: inputs.checksum, stateChecksum: null },
    calibration: [],
    scenarios: [],
    variants: [],
    comparisons: [],
    notices: record.notices,
    micro,
  };
}
