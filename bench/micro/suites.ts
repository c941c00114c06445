import type { MicroSuite } from './micro-suite.ts';

/** Every micro-benchmark suite by id, in run order; each loads only when it runs. */
export const MICRO_SUITES: Record<string, () => Promise<MicroSuite>> = {
  'order-page-json': () => import('./order-page-json.bench.ts').then((m) => m.default),
  'jwt-verify': () => import('./jwt-verify.bench.ts').then((m) => m.default),
  'import-rows-validation': () => import('./import-rows-validation.bench.ts').then((m) => m.default),
  cursor: () => import('./cursor.bench.ts').then((m) => m.default),
  'cache-encoding': () => import('./cache-encoding.bench.ts').then((m) => m.default),
};

/** The suite ids, in run order. */
export const MICRO_SUITE_IDS = Object.keys(MICRO_SUITES);
