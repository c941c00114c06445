import { judgeStep, type Breach, type StepJudgement, type StepResult } from './step-result.ts';
import type { LatencySlo } from './slo.ts';

/** How the search walks: ramp by `growth` from `startRate`, then bisect, then confirm. */
export interface SearchPlan {
  startRate: number;
  /** Each ramp step offers `growth` × the previous one. */
  growth: number;
  maxRampSteps: number;
  bisections: number;
  /** Repeats of the candidate maximum; every one must pass. */
  confirmations: number;
  slo: LatencySlo;
  /** Lowest rate the walk down may try: below it a step holds too few requests for a p95 (default 1). */
  minRate?: number;
}

export type StepPhase = 'ramp' | 'bisect' | 'confirm';

/** One measured step as the report keeps it. */
export interface SearchStep extends StepJudgement {
  phase: StepPhase;
  rate: number;
  result: StepResult;
}

/** How the search ended; only `found` claims a sustainable maximum. */
export type SearchOutcome =
  | { kind: 'found'; maxRate: number; interval: { low: number; high: number }; brokeFirst: Breach; reasons: string[] }
  | { kind: 'not-reached'; lowerBound: number }
  | { kind: 'generator-capped'; lowerBound: number | null; cappedAt: number; reasons: string[] }
  | { kind: 'none-passed'; lowestRate: number; brokeFirst: Breach; reasons: string[] };

/** The search's whole state: pure data, advanced by `advance`, read by `nextRate`. */
export interface SearchState {
  plan: SearchPlan;
  phase: StepPhase | 'done';
  steps: SearchStep[];
  /** Highest rate that passed and is not disproved. */
  low: number | null;
  /** Lowest rate that failed. */
  high: number | null;
  /** The first server-side failure (what broke first). */
  firstFailure: SearchStep | null;
  bisectionsLeft: number;
  confirmationsLeft: number;
  outcome: SearchOutcome | null;
}

/** The state before any step. */
export function startSearch(plan: SearchPlan): SearchState {
  if (!(plan.startRate > 0) || !(plan.growth > 1)) throw new Error('a search needs a positive start rate and a growth above 1');
  return { plan, phase: 'ramp', steps: [], low: null, high: null, firstFailure: null, bisectionsLeft: plan.bisections, confirmationsLeft: plan.confirmations, outcome: null };
}

/** The rate to measure next, or null when the search is done (then `outcome` is set). */
export function nextRate(state: SearchState): number | null {
  const { plan, phase, low, high, steps } = state;
  if (phase === 'done') return null;
  if (phase === 'ramp') {
    if (steps.length === 0) return plan.startRate;
    // nothing passed yet: walk down fast (growth²) to find a rate the server sustains
    return low === null ? Math.max(plan.minRate ?? 1, roundRate(steps.at(-1)!.rate / plan.growth ** 2)) : roundRate(steps.at(-1)!.rate * plan.growth);
  }
  if (phase === 'bisect') return roundRate(((low as number) + (high as number)) / 2);
  return low as number;
}

/** Records the step measured at `nextRate(state)` and moves on. Pure: returns a new state. */
export function advance(state: SearchState, result: StepResult): SearchState {
  const rate = nextRate(state);
  if (rate === null) throw new Error('the search is done: nothing more to measure');
  const judgement = judgeStep(result, state.plan.slo);
  const step: SearchStep = { phase: state.phase as StepPhase, rate, result, ...judgement };
  const next: SearchState = { ...state, steps: [...state.steps, step] };
  if (step.passed) return afterPass(next, rate);
  return afterFail(next, step);
}

function afterPass(state: SearchState, rate: number): SearchState {
  if (state.phase === 'ramp' && state.high !== null) return toBisectOrConfirm({ ...state, low: rate });
  if (state.phase === 'ramp') {
    const low = rate;
    const rampSteps = state.steps.filter((s) => s.phase === 'ramp').length;
    if (rampSteps >= state.plan.maxRampSteps) return done({ ...state, low }, { kind: 'not-reached', lowerBound: low });
    return { ...state, low };
  }
  if (state.phase === 'bisect') return toBisectOrConfirm({ ...state, low: rate, bisectionsLeft: state.bisectionsLeft - 1 });
  const confirmationsLeft = state.confirmationsLeft - 1;
  return confirmationsLeft > 0 ? { ...state, confirmationsLeft } : finish({ ...state, confirmationsLeft });
}

function afterFail(state: SearchState, step: SearchStep): SearchState {
  const generatorOnly = step.breaches[0] === 'generator';
  if (generatorOnly) {
    // the generator, not the server, stopped the sweep: nothing above `low` may be claimed
    return done(state, { kind: 'generator-capped', lowerBound: state.low, cappedAt: step.rate, reasons: step.reasons });
  }
  const firstFailure = state.firstFailure ?? step;
  if (state.phase === 'ramp' && state.low === null) {
    const rampSteps = state.steps.filter((s) => s.phase === 'ramp').length;
    if (step.rate <= (state.plan.minRate ?? 1) || rampSteps >= state.plan.maxRampSteps) return done({ ...state, firstFailure }, { kind: 'none-passed', lowestRate: step.rate, brokeFirst: step.breaches[0]!, reasons: step.reasons });
    return { ...state, firstFailure, high: step.rate };
  }
  if (state.phase === 'ramp') return toBisectOrConfirm({ ...state, firstFailure, high: Math.min(step.rate, state.high ?? Infinity) });
  if (state.phase === 'bisect') return toBisectOrConfirm({ ...state, firstFailure, high: step.rate, bisectionsLeft: state.bisectionsLeft - 1 });
  // a confirmation failed: the candidate is not sustainable; fall back to the next lower passed rate
  const lower = state.steps.filter((s) => s.passed && s.rate < step.rate).map((s) => s.rate);
  // nothing lower passed: walk down again from the rate that failed its repeat
  if (lower.length === 0 && step.rate > (state.plan.minRate ?? 1)) return { ...state, phase: 'ramp', firstFailure, low: null, high: step.rate, confirmationsLeft: state.plan.confirmations };
  if (lower.length === 0) return done({ ...state, firstFailure }, { kind: 'none-passed', lowestRate: Math.min(...state.steps.map((s) => s.rate)), brokeFirst: step.breaches[0]!, reasons: step.reasons });
  return { ...state, firstFailure, high: step.rate, low: Math.max(...lower), confirmationsLeft: state.plan.confirmations };
}

function toBisectOrConfirm(state: SearchState): SearchState {
  const { low, high } = state as { low: number; high: number };
  const mid = roundRate((low + high) / 2);
  const canSplit = state.bisectionsLeft > 0 && mid > low && mid < high;
  if (canSplit) return { ...state, phase: 'bisect' };
  if (state.plan.confirmations > 0) return { ...state, phase: 'confirm' };
  return finish(state);
}

function finish(state: SearchState): SearchState {
  const failure = state.firstFailure!;
  return done(state, { kind: 'found', maxRate: state.low as number, interval: { low: state.low as number, high: state.high as number }, brokeFirst: failure.breaches[0]!, reasons: failure.reasons });
}

function done(state: SearchState, outcome: SearchOutcome): SearchState {
  return { ...state, phase: 'done', outcome };
}

/** Rates are whole requests per second (generators schedule whole arrivals per second). */
function roundRate(rate: number): number {
  return Math.max(1, Math.round(rate));
}

/** Drives a search to its end with `measure` (a real generator, or a simulated server in tests). */
export async function runSearch(plan: SearchPlan, measure: (rate: number, phase: StepPhase) => Promise<StepResult> | StepResult, onStep?: (state: SearchState) => void): Promise<SearchState> {
  let state = startSearch(plan);
  for (let rate = nextRate(state); rate !== null; rate = nextRate(state)) {
    state = advance(state, await measure(rate, state.phase as StepPhase));
    onStep?.(state);
  }
  return state;
}
