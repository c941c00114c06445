import { jobsExtension } from '../jobs/extension.ts';
import { usageExtension } from '../usage/usage-extension.ts';
import { contracts } from './contracts.ts';
import type { Comparison, Extension } from './types.ts';

/**
 * Every comparison's server side, in catalog order: for each contract, `./<id>.ts`, whose default
 * export is `defineComparison('<id>', { input, naive, optimized })`. Adding a comparison needs
 * no line here: its contract and its file are enough.
 */
export const comparisons: readonly Comparison<any>[] = await Promise.all(contracts.map((contract) => loadComparison(contract.id)));

/** Imports `./<id>.ts` and checks that it is the server side of contract `id`. */
export async function loadComparison(id: string): Promise<Comparison<any>> {
  // a URL, not a template literal: bundlers' import-glob analysis cannot read a same-folder pattern
  const file = new URL(`./${id}.ts`, import.meta.url).href;
  const module = (await import(/* @vite-ignore */ file).catch((error: unknown) => {
    throw new Error(`comparison '${id}' has a contract but no server file reference-server/comparisons/${id}.ts (${String(error)})`);
  })) as { default?: Partial<Comparison<unknown>> };
  const comparison = module.default;
  if (comparison?.contract?.id !== id || typeof comparison.naive !== 'function' || typeof comparison.optimized !== 'function' || !comparison.input) {
    throw new Error(`reference-server/comparisons/${id}.ts must default-export defineComparison('${id}', { input, naive, optimized })`);
  }
  return comparison as Comparison<any>;
}

/** Shared routes and workers some comparisons need (bulk-import's `GET /jobs/:id` and pg-boss; write-behind's flusher). */
export const extensions: Extension[] = [jobsExtension, usageExtension];
