import type { Fixtures } from '../../seed/fixtures-schema.ts';
import type { ReplicaOutcome } from './replica-stack.ts';

/** The catalog id that needs a standby. */
export const READ_REPLICA_ID = 'read-replica';

/**
 * The one line that says why read-replica cannot run here, or null when it can: the standby the
 * harness could not start (its reason), or, for an API the harness did not start (--target),
 * that API's own 503 "read replica not configured" to one optimized read.
 */
export async function readReplicaSkipReason(target: { baseUrl: string; fixtures: Fixtures; replica: ReplicaOutcome | null }): Promise<string | null> {
  if (target.replica?.unavailable) return `read-replica skipped: ${target.replica.unavailable}`;
  if (target.replica?.target) return null;
  const tenant = target.fixtures.tenants[0];
  const id = tenant?.hotProductIds[0];
  if (!tenant || id === undefined) return null;
  const response = await fetch(`${target.baseUrl}/optimized/products/${id}/inventory`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tenant.tokens.viewer}`, 'content-type': 'application/json' },
    body: '{}',
  }).catch(() => null);
  if (response?.status !== 503) return null;
  const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
  if (body?.error?.code !== 'replica_unavailable') return null;
  return `read-replica skipped: ${target.baseUrl} answers 503 "read replica not configured" (start its API with PERFLAB_REPLICA_URL set to a streaming replica)`;
}
