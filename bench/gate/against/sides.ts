/** One value per build of an `--against` gate: the base ref's and the working tree's. */
export interface Sides<T> {
  base: T;
  candidate: T;
}
