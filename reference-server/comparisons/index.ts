import { jobsExtension } from '../jobs/extension.ts';
import { contracts } from './contracts.ts';
import type { Comparison, Extension } from './types.ts';

/**
 * Every comparison's server side, in catalog order: for each contract, `./<id>.ts`, whose default
 * export is `defineComparison('<id>', { input, naive, optimized })`. Adding a comparison needs
 * no line here: its contract and its file are enough.
 */
export const comparisons: readonly Comparison<any>[] = await Promise.all(contracts.map((contract) => loadComparison(contract.id)));

async function loadComparison(id: string): Promise<Comparison<any>> {
  const module = (await import(`./${id}.ts`)) as { default?: Partial<Comparison<unknown>> };
  const comparison = module.default;
  if (comparison?.contract?.id !== id || typeof comparison.naive !== 'function' || typeof comparison.optimized !== 'function' || !comparison.input) {
    throw new Error(`reference-server/comparisons/${id}.ts must default-export defineComparison('${id}', { input, naive, optimized })`);
  }
  return comparison as Comparison<any>;
}

/** Shared routes and workers some comparisons need (e.g. bulk-import's `GET /jobs/:id` and pg-boss). */
export const extensions: Extension[] = [jobsExtension];
