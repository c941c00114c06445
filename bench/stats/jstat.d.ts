/** The part of jStat (no bundled types) that perflab uses: Student's t distribution. */
declare module 'jstat' {
  const jStat: {
    studentt: {
      /** P(T ≤ x) with `dof` degrees of freedom. */
      cdf(x: number, dof: number): number;
      /** The x such that P(T ≤ x) = p. */
      inv(p: number, dof: number): number;
    };
  };
  export default jStat;
}
