/** What the main thread asks the generator thread for. */
export interface GeneratorRequest {
  scale: string;
  seed: number;
  products: number;
  orders: number;
  /** Text the main thread may fall behind by before the generator waits. */
  limitBytes: number;
}

/** What the generator thread sends, in this order per table: `table`, `chunk`…, `end`; then `done`. */
export type GeneratorMessage =
  | { type: 'table'; table: string; columns: string[]; estimate: number }
  | { type: 'chunk'; bytes: Uint8Array; rows: number }
  | { type: 'end' }
  | { type: 'done' };
