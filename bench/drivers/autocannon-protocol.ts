import type { DriverOutput, LoadModel, RequestSpec, TickEvent } from './types.ts';

/** What the autocannon driver runs: a pre-expanded request list, cycled across all connections. */
export interface AutocannonInput {
  baseUrl: string;
  requests: RequestSpec[];
  model: LoadModel;
  durationSec: number;
  /** Per-request timeout in seconds (autocannon default 10). */
  timeoutSec?: number;
}

/** IPC messages between the driver and its child process. */
export type ToChild = { type: 'run'; input: AutocannonInput };
export type FromChild =
  | { type: 'tick'; tick: TickEvent }
  | { type: 'result'; output: DriverOutput }
  | { type: 'error'; message: string };
