import { UsageError } from '../../lib/usage-error.ts';

/**
 * Any HTTP answer (even a 404) means the API is there; no answer within `timeoutMs` is a
 * UsageError (exit 2) before anything is measured, instead of a run of transport errors.
 */
export async function assertReachable(baseUrl: string, timeoutMs = 5000): Promise<void> {
  try {
    const res = await fetch(baseUrl, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await res.body?.cancel();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new UsageError(`--target ${baseUrl}: no answer (${cause === 'TimeoutError' ? `nothing within ${timeoutMs / 1000} s` : cause}): is your API running there?`);
  }
}
