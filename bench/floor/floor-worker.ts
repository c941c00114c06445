import { verifyToken, type Principal } from '../../reference-server/auth/token.ts';
import { createRuntime } from '../../reference-server/app.ts';
import { loadComparison } from '../../reference-server/comparisons/index.ts';
import { loadConfig } from '../../reference-server/config.ts';
import { fillUnique } from '../../scenarios/expand.ts';
import type { RequestSpec } from '../../scenarios/types.ts';
import { bearerOf, rawInputOf } from './floor-input.ts';

/** What the harness sends a floor worker (as JSON on stdin). */
export interface FloorJob {
  comparison: string;
  requests: RequestSpec[];
  concurrency: number;
  warmupSec: number;
  durationSec: number;
}

/** What a floor worker prints (one JSON line on stdout). */
export interface FloorOutcome {
  ops: number;
  failed: number;
  seconds: number;
}

/**
 * A child process (like the API, so it shares no event loop with the harness): the comparison's
 * optimized variant called straight, `concurrency` calls at a time for the window, with the API's
 * own deps (same pool size, same database URL, proxy included). Inputs are parsed and tokens
 * verified once up front: no HTTP, no auth, no JSON serialisation per call; the variant still
 * builds its reply object. A request with a key that must not repeat (`uniqueToken`, a
 * rate-limit bucket) is filled and parsed per call, as the API parses each request.
 */
async function main(): Promise<void> {
  const job = JSON.parse(await readStdin()) as FloorJob;
  const comparison = await loadComparison(job.comparison);
  const config = loadConfig(process.env);
  const principals = new Map<string, Principal | null>();
  const calls: { input: () => unknown; principal: Principal }[] = [];
  const inputOf = (spec: RequestSpec) => comparison.input.parse(rawInputOf(spec, comparison.contract.route));
  let sequence = 0;
  for (const spec of job.requests) {
    const token = bearerOf(spec);
    if (!rawInputOf(spec, comparison.contract.route) || !token) continue;
    if (!principals.has(token)) principals.set(token, await verifyToken(token, config.jwtSecret));
    const principal = principals.get(token);
    if (!principal) continue;
    if (spec.uniqueToken) calls.push({ input: () => inputOf(fillUnique(spec, `f${process.pid.toString(36)}-${sequence++}`)), principal });
    else {
      const input = inputOf(spec);
      calls.push({ input: () => input, principal });
    }
  }
  if (calls.length === 0) throw new Error(`no request of ${job.comparison} could be turned into a call`);
  const runtime = await createRuntime(config);
  try {
    await window(job.warmupSec);
    const started = performance.now();
    const outcome = await window(job.durationSec);
    process.stdout.write(`${JSON.stringify({ ...outcome, seconds: (performance.now() - started) / 1000 } satisfies FloorOutcome)}\n`);
  } finally {
    await runtime.close();
  }

  async function window(seconds: number): Promise<Omit<FloorOutcome, 'seconds'>> {
    const deadline = performance.now() + seconds * 1000;
    let next = 0;
    let ops = 0;
    let failed = 0;
    const loop = async () => {
      while (performance.now() < deadline) {
        const call = calls[next++ % calls.length] as (typeof calls)[number];
        try {
          await comparison.optimized({ ...runtime.deps, principal: call.principal }, call.input());
          ops++;
        } catch {
          failed++;
        }
      }
    };
    await Promise.all(Array.from({ length: job.concurrency }, loop));
    return { ops, failed };
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

main().catch((error: unknown) => {
  process.stderr.write(`floor worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
