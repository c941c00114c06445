import { levenbergMarquardt } from 'ml-levenberg-marquardt';

/** One closed-model point: N concurrent clients, X successful requests per second. */
export interface ConcurrencyPoint {
  concurrency: number;
  throughput: number;
}

/** The Universal Scalability Law fitted to a sweep, and what it predicts. */
export interface UslFit {
  /** Throughput of one client with no contention, req/s. */
  lambda: number;
  /** Contention (serialisation), 0..1. */
  sigma: number;
  /** Coherency (crosstalk), ≥ 0. */
  kappa: number;
  /** Concurrency of peak throughput, √((1−σ)/κ); null when κ ≈ 0 (no retrograde region observed). */
  peakConcurrency: number | null;
  /** X(N*), or the asymptote λ/σ when κ ≈ 0 (null when σ ≈ 0 too). */
  maxThroughput: number | null;
  rSquared: number;
  /** Why the fit should not be trusted or extrapolated; empty when it is fine. */
  warnings: string[];
}

/** κ below this is read as zero: N* beyond any concurrency a server would be run at. */
const KAPPA_ZERO = 1e-6;
const MIN_R_SQUARED = 0.9;

/** X(N) = λN / (1 + σ(N−1) + κN(N−1)). */
export function uslThroughput(n: number, { lambda, sigma, kappa }: Pick<UslFit, 'lambda' | 'sigma' | 'kappa'>): number {
  return (lambda * n) / (1 + sigma * (n - 1) + kappa * n * (n - 1));
}

/**
 * Fits the USL by non-linear least squares (Levenberg–Marquardt, ml-levenberg-marquardt) from a
 * few starting points, keeping the best. Throughput is scaled by X(1) so all three parameters
 * are of order one for the solver.
 */
export function fitUsl(points: readonly ConcurrencyPoint[]): UslFit {
  const usable = points.filter((p) => p.concurrency >= 1 && p.throughput > 0);
  if (usable.length < 3) throw new Error(`a USL fit needs at least 3 concurrency levels with throughput, got ${usable.length}`);
  const first = usable.reduce((a, b) => (b.concurrency < a.concurrency ? b : a));
  const scale = first.throughput / first.concurrency;
  const data = { x: usable.map((p) => p.concurrency), y: usable.map((p) => p.throughput / scale) };
  const model = ([lambda, sigma, kappa]: number[]) => (n: number) => uslThroughput(n, { lambda: lambda!, sigma: sigma!, kappa: kappa! });
  // λ from X(1), and from the least-squares line through the origin (also with σ = κ = 0): on a noisy sweep whose
  // X(1) is an outlier the solver may not move from its start, so the line must be among the starts
  const slope = data.x.reduce((sum, n, i) => sum + n * data.y[i]!, 0) / data.x.reduce((sum, n) => sum + n * n, 0);
  let best: { params: number[]; error: number } | null = null;
  const starts = [[slope, 0, 0], ...[1, slope].flatMap((lambda) => [0.01, 0.1, 0.4].flatMap((sigma) => [1e-5, 1e-3, 1e-2].map((kappa) => [lambda, sigma, kappa])))];
  for (const initialValues of starts) {
    const fit = levenbergMarquardt(data, model, { initialValues, minValues: [1e-9, 0, 0], maxValues: [1e3, 1, 1], maxIterations: 500, errorTolerance: 1e-12, gradientDifference: 1e-7 });
    if (!best || fit.parameterError < best.error) best = { params: fit.parameterValues, error: fit.parameterError };
  }
  const [lambdaScaled, sigma, kappa] = best!.params as [number, number, number];
  const params = { lambda: lambdaScaled * scale, sigma, kappa };
  return describeFit(params, usable);
}

function describeFit(params: Pick<UslFit, 'lambda' | 'sigma' | 'kappa'>, points: readonly ConcurrencyPoint[]): UslFit {
  const mean = points.reduce((a, p) => a + p.throughput, 0) / points.length;
  const ssTot = points.reduce((a, p) => a + (p.throughput - mean) ** 2, 0);
  const ssRes = points.reduce((a, p) => a + (p.throughput - uslThroughput(p.concurrency, params)) ** 2, 0);
  const rSquared = ssTot > 0 ? 1 - ssRes / ssTot : 0;
  const warnings: string[] = [];
  if (rSquared < MIN_R_SQUARED) warnings.push(`poor fit (R² ${rSquared.toFixed(2)} < ${MIN_R_SQUARED}): σ, κ and N* are not to be relied on`);
  const retrograde = params.kappa > KAPPA_ZERO;
  const peakConcurrency = retrograde ? Math.sqrt(Math.max(0, 1 - params.sigma) / params.kappa) : null;
  if (!retrograde) warnings.push('κ ≈ 0: no retrograde region observed, N* is unbounded within this sweep');
  const maxN = Math.max(...points.map((p) => p.concurrency));
  if (peakConcurrency !== null && peakConcurrency > maxN) warnings.push(`no retrograde region observed: N* ≈ ${Math.round(peakConcurrency)} lies beyond the largest concurrency measured (${maxN}), an extrapolation`);
  // N* < 1 (σ → 1): every added client costs throughput, so the most is what one client gets (and X(0) is 0/0)
  if (peakConcurrency !== null && peakConcurrency < 1) warnings.push(`throughput falls from the second client on (N* ≈ ${peakConcurrency.toFixed(2)} < 1): the peak is one client`);
  const maxThroughput = peakConcurrency !== null ? uslThroughput(Math.max(1, peakConcurrency), params) : params.sigma > KAPPA_ZERO ? params.lambda / params.sigma : null;
  return { ...params, peakConcurrency, maxThroughput, rSquared, warnings };
}
