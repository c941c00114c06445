/** One alternative timed by a suite: its stable name and the work one request pays for. */
export interface MicroTask {
  /** Stable within its suite (kebab-case): results, reports and a gate key on `<suite>/<name>`. */
  name: string;
  /** The per-request work; must return what it computed, so the runner can consume it (no dead code to eliminate). */
  fn: () => unknown;
  /** True when `fn` returns a promise the task must await (WebCrypto, jose). */
  async?: boolean;
}

/** Two tasks of a suite compared: `baseline` (what the code base does, or the common way) against `candidate`. */
export interface MicroPair {
  baseline: string;
  candidate: string;
}

/**
 * A micro-benchmark suite, `bench/micro/<id>.bench.ts`: real alternatives of one in-process cost
 * the API pays per request. `setup` builds every input before any timing starts.
 */
export interface MicroSuite {
  id: string;
  title: string;
  /** The one factor the tasks vary, in words. */
  factor: string;
  setup(): Promise<MicroTask[]>;
  pairs: MicroPair[];
}

/** Identity helper that types a suite definition. */
export function defineSuite(suite: MicroSuite): MicroSuite {
  return suite;
}
