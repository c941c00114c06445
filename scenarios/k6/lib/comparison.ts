/**
 * Turns a catalog entry into a k6 script: options (warm-up + measure scenarios, scoped thresholds
 * whose tags are checked before any load), a setup() that fails fast, the iteration (one request
 * built by the catalog, checked against the entry's `checks`, 503s counted by code) and
 * handleSummary. `scenarios/k6/comparison.ts` runs it for `-e COMPARISON=<id>`.
 */
import http from 'k6/http';
import { check } from 'k6';
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';
import { catalogEntry, catalogIds } from '../../catalog.ts';
import { createRandom } from '../../random.ts';
import { buildRequestSpec } from '../../request-spec.ts';
import type { Rnd } from '../../types.ts';
import { readEnv } from './env.ts';
import { loadFixtures } from './fixtures.ts';
import { SUMMARY_TREND_STATS, SYSTEM_TAGS, loadScenarios, scopedThresholds } from './load.ts';
import { writeSummary } from './summary.ts';
import { assertThresholdsCanMatch } from './threshold-tags.ts';
import { UNAVAILABLE_CODES, unavailableCode, unavailableMetric, type UnavailableCode } from './unavailable.ts';

interface SetupData {
  runTag: string;
  /** The scenarios k6 runs: k6's `--vus`/`--duration`/`--iterations` replace ours with `default`. */
  scenarios: string[];
}

/** The script of comparison `id` (from `-e COMPARISON=`); a missing or unknown id fails in the init context. */
export function comparisonScript(id: string | undefined) {
  if (!id) throw new Error(`COMPARISON is required: -e COMPARISON=<id> (known: ${catalogIds.join(', ')})`);
  const entry = catalogEntry(id);
  const env = readEnv(__ENV);
  const fixtures = loadFixtures(__ENV);
  const tagName = `${entry.method} /${env.variant}${entry.route}`;
  const scenarios = loadScenarios(entry, env);
  const thresholds = scopedThresholds(entry, env);
  assertThresholdsCanMatch(Object.keys(thresholds), {
    ...Object.fromEntries(SYSTEM_TAGS.map((tag) => [tag, null])),
    scenario: Object.keys(scenarios),
    name: [tagName, 'setup'],
    method: [...new Set([entry.method, 'GET'])],
    check: ['status is 2xx', ...Object.keys(entry.checks)],
    status: /^\d{1,3}$/,
    expected_response: ['true', 'false'],
    code: UNAVAILABLE_CODES,
  });
  const unavailable = Object.fromEntries(UNAVAILABLE_CODES.map((code) => [code, new Counter(unavailableMetric(code))])) as Record<UnavailableCode, Counter>;
  let rnd: Rnd | null = null;

  const send = (unique: string, tags: Record<string, string>) => {
    rnd ??= createRandom(env.seed * 1_000_003 + exec.vu.idInTest);
    const spec = buildRequestSpec(entry, env.variant, fixtures, rnd, { unique });
    return http.request(spec.method, env.baseUrl + spec.path, spec.body ?? null, { headers: spec.headers, tags: { name: tagName, ...tags } });
  };

  return {
    options: {
      scenarios,
      thresholds,
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
      const probe = send(`${runTag}-setup`, {});
      if (probe.status < 200 || probe.status > 299) {
        exec.test.abort(`setup: ${tagName} answered ${probe.status || probe.error}: ${String(probe.body ?? '').slice(0, 200)}`);
      }
      return { runTag, scenarios: Object.keys(exec.test.options.scenarios ?? {}) };
    },

    iterate(data: SetupData): void {
      // Everything but our warm-up is measured, k6's own `default` scenario included (`k6 run --vus 5
      // --duration 5s` replaces our scenarios): the thresholds and the summary read {scenario:measure}.
      const tags = { scenario: exec.scenario.name === 'warmup' ? 'warmup' : 'measure' };
      const res = send(`${data.runTag}-${exec.vu.idInTest}-${exec.vu.iterationInInstance}`, tags);
      const ok = res.status >= 200 && res.status < 300;
      check(res, { 'status is 2xx': () => ok }, tags);
      let body: unknown = null;
      try {
        body = res.json();
      } catch {
        body = null;
      }
      if (res.status === 503) {
        const code = unavailableCode(body);
        unavailable[code].add(1, { code });
      }
      if (ok) check(body, entry.checks, tags);
    },

    handleSummary: (data: any) => writeSummary(data, { comparison: id, env, varies: entry.varies }),
  };
}
