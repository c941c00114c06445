import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../../lib/paths.ts';
import { k8sBundle } from './k8s-bundle.ts';
import { mergeTestRun, testRunFacts } from './merge-testrun.ts';
import { scriptFiles } from './script-files.ts';
import { configMapKey, MOUNT, SCRIPT } from './testrun-manifest.ts';

const read = (path: string) => readFileSync(join(projectRoot, path), 'utf8');
const options = { only: ['product-detail-cache'], instances: 4, baseUrl: 'http://perflab-api:3000', rate: null, durationSec: 30, warmupSec: 5, seed: 42, image: 'grafana/k6:1.8.1' };

describe('perflab k8s manifests', () => {
  const bundle = k8sBundle(options, '{"tenants":[]}', read, projectRoot);
  // YAML is a superset of JSON: what kubectl's YAML reader sees is what JSON.parse sees
  const doc = (path: string) => parse(bundle[path] as string) as Record<string, any>;

  it('writes one ConfigMap and a TestRun per variant', () => {
    expect(Object.keys(bundle).sort()).toEqual(['configmap.json', 'perflab-product-detail-cache-naive/testrun.json', 'perflab-product-detail-cache-optimized/testrun.json']);
  });

  it('lists every file the k6 script loads by following its imports, and k6 modules not at all', () => {
    const files = scriptFiles(SCRIPT, projectRoot, read);
    expect(files).toEqual(expect.arrayContaining([SCRIPT, 'scenarios/k6/lib/comparison.ts', 'scenarios/k6/lib/load.ts', 'scenarios/catalog.ts', 'lib/seeded-random.ts', 'lib/perflab-home.ts']));
    expect(files.every((f) => !f.startsWith('bench/') && !f.startsWith('node:'))).toBe(true);
    const configMap = doc('configmap.json');
    expect(configMap).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'perflab-scripts' } });
    for (const file of files) expect(configMap.data[configMapKey(file)]).toBe(read(file));
    expect(configMap.data['fixtures.json']).toBe('{"tenants":[]}');
    // ConfigMap keys: [-._a-zA-Z0-9]+
    expect(Object.keys(configMap.data).every((k) => /^[-._a-zA-Z0-9]+$/.test(k))).toBe(true);
  });

  it('refuses a script importing what a pod cannot load', () => {
    const fake = (path: string) => (path === 'a.ts' ? "import x from 'zod';" : '');
    expect(() => scriptFiles('a.ts', '/repo', fake)).toThrow("a.ts imports 'zod'");
  });

  it('builds a k6-operator TestRun with the fields of api/v1alpha1 (parallelism, script, arguments, runner)', () => {
    const run = doc('perflab-product-detail-cache-optimized/testrun.json');
    expect(run).toMatchObject({ apiVersion: 'k6.io/v1alpha1', kind: 'TestRun', metadata: { name: 'perflab-product-detail-cache-optimized' }, spec: { parallelism: 4, script: { localFile: `${MOUNT}/${SCRIPT}` } } });
    expect(Object.keys(run.spec).sort()).toEqual(['arguments', 'initializer', 'parallelism', 'runner', 'script']);
    const args = run.spec.arguments as string;
    for (const part of ['-e COMPARISON=product-detail-cache', '-e VARIANT=optimized', '-e BASE_URL=http://perflab-api:3000', `-e FIXTURES=${MOUNT}/fixtures.json`, '-e RATE=500', '-e DURATION=30', '--out csv=fileName=/dev/stdout,timeFormat=unix_milli']) {
      expect(args).toContain(part);
    }
    // k6-operator adds the segments itself
    expect(args).not.toContain('execution-segment');
    const { volumes, volumeMounts } = run.spec.runner;
    expect(volumeMounts).toEqual([{ name: 'perflab-scripts', mountPath: MOUNT, readOnly: true }]);
    const items = volumes[0].configMap.items as { key: string; path: string }[];
    expect(items).toContainEqual({ key: configMapKey(SCRIPT), path: SCRIPT });
    expect(Object.keys(doc('configmap.json').data).sort()).toEqual(items.map((i) => i.key).sort());
  });
});

describe('perflab merge reads a TestRun back', () => {
  const bundle = k8sBundle({ ...options, rate: 200, instances: 2 }, '{}', read, projectRoot);
  const manifest = JSON.parse(bundle['perflab-product-detail-cache-naive/testrun.json'] as string);

  it('finds the test it describes in its arguments', () => {
    expect(testRunFacts(manifest)).toEqual({ comparison: 'product-detail-cache', variant: 'naive', baseUrl: 'http://perflab-api:3000', rate: 200, maxVus: 32, durationSec: 30, warmupSec: 5, parallelism: 2 });
  });

  it('refuses a TestRun whose pods are not all there: a missing segment is a missing share of the load', () => {
    expect(() => mergeTestRun(testRunFacts(manifest), ['metric_name,timestamp\n'], 1)).toThrow('1 pod log(s) for parallelism 2');
  });
});
