/**
 * Turns a catalog entry into a k6 script: options (warm-up + measure scenarios, scoped thresholds),
 * a setup() that fails fast, the iteration (one request built by the catalog, checked against the
 * entry's `checks`) and handleSummary. `scenarios/k6/comparison.ts` runs it for `-e COMPARISON=<id>`.
 */
import http from 'k6/http';
import { check } from 'k6';
import exec from 'k6/execution';
import { catalogEntry, catalogIds } from '../../catalog.ts';
import { createRandom } from '../../random.ts';
import { buildRequestSpec } from '../../request-spec.ts';
import type { Rnd } from '../../types.ts';
import { readEnv } from './env.ts';
import { loadFixtures } from './fixtures.ts';
import { SUMMARY_TREND_STATS, SYSTEM_TAGS, loadScenarios, scopedThresholds } from './load.ts';
import { writeSummary } from './summary.ts';

interface SetupData {
  runTag: string;
}

/** The script of comparison `id` (from `-e COMPARISON=`); a missing or unknown id fails in the init context. */
export function comparisonScript(id: string | undefined) {
  if (!id) throw new Error(`COMPARISON is required: -e COMPARISON=<id> (known: ${catalogIds.join(', ')})`);
  const entry = catalogEntry(id);
  const env = readEnv(__ENV);
  const fixtures = loadFixtures(env.fixturesPath);
  const tagName = `${entry.method} /${env.variant}${entry.route}`;
  let rnd: Rnd | null = null;

  const send = (unique: string) => {
    rnd ??= createRandom(env.seed * 1_000_003 + exec.vu.idInTest);
    const spec = buildRequestSpec(entry, env.variant, fixtures, rnd, { unique });
    return http.request(spec.method, env.baseUrl + spec.path, spec.body ?? null, { headers: spec.headers, tags: { name: tagName } });
  };

  return {
    options: {
      scenarios: loadScenarios(entry, env),
      thresholds: scopedThresholds(entry, env),
      summaryTrendStats: SUMMARY_TREND_STATS,
      systemTags: SYSTEM_TAGS,
      discardResponseBodies: false,
      setupTimeout: '30s',
    },

    /** Fails fast: the server must be up and this comparison's route must answer 2xx for our token. */
    setup(): SetupData {
      const health = http.get(`${env.baseUrl}/health`, { tags: { name: 'setup' } });
      if (health.status !== 200) exec.test.abort(`setup: GET ${env.baseUrl}/health answered ${health.status || health.error} — is the server running?`);
      const runTag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
      const probe = send(`${runTag}-setup`);
      if (probe.status < 200 || probe.status > 299) {
        exec.test.abort(`setup: ${tagName} answered ${probe.status || probe.error}: ${String(probe.body ?? '').slice(0, 200)}`);
      }
      return { runTag };
    },

    iterate(data: SetupData): void {
      const res = send(`${data.runTag}-${exec.vu.idInTest}-${exec.vu.iterationInInstance}`);
      const ok = res.status >= 200 && res.status < 300;
      check(res, { 'status is 2xx': () => ok });
      if (!ok) return;
      let body: unknown = null;
      try {
        body = res.json();
      } catch {
        body = null;
      }
      check(body, entry.checks);
    },

    handleSummary: (data: any) => writeSummary(data, id, env, entry.varies),
  };
}
