/** How the gate decides; `DEFAULT_GATE_OPTIONS` holds the defaults and README says why. */
export interface GateOptions {
  /**
   * Smallest relative worsening called a regression by the relative and absolute checks
   * (0.1 = 10%). Run-to-run CV on this 2-core host is ≈ 0.085–0.12 per run, so a shift
   * smaller than one run's own noise is not actionable even when many repeats make it
   * "significant"; 10% is the smallest change a developer can act on and reproduce.
   */
  minEffect: number;
  /** Only the statement counts: no timing check at all (`--deterministic-only`). */
  deterministicOnly: boolean;
}

export const DEFAULT_GATE_OPTIONS: GateOptions = { minEffect: 0.1, deterministicOnly: false };
