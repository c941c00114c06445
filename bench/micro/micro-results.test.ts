import { beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../report/render-html.ts';
import { renderJunit } from '../report/render-junit.ts';
import { renderMarkdown } from '../report/render-markdown.ts';
import { syntheticResults } from '../test-support/synthetic-results.ts';
import { validateResults } from '../results/validate-results.ts';
import type { Results } from '../results/types.ts';
import { microResults } from './micro-results.ts';
import { runMicro } from './run-micro.ts';
import { MICRO_SUITES } from './suites.ts';

let results: Results;

beforeAll(async () => {
  // a real run of the cursor suite, kept short: these tests read its shape, never its timings
  const micro = await runMicro([await MICRO_SUITES.cursor!()], { timeMs: 20, warmupMs: 5, repeats: 3, minSamples: 10 });
  // an invented pair on top, so the pair rendering has something to show (the cursor suite has none)
  micro.pairs.push({ key: 'cursor/encode-vs-decode', suite: 'cursor', baseline: 'encode', candidate: 'decode', speedup: { estimate: 0.5, ci95: [0.4, 0.6], samples: 3, emptyPairs: 0, method: 't-mean-log-ratio' } });
  const now = new Date();
  results = microResults({ id: 'micro-test', startedAt: now, finishedAt: now, command: 'perflab micro --only cursor', quick: true, micro, notices: [] });
});

describe('micro results in results.json', () => {
  it('round-trip through JSON and the schema unchanged, with stable task keys', () => {
    const reread = validateResults(JSON.parse(JSON.stringify(results)));
    expect(reread).toEqual(results);
    expect(reread.micro?.tasks.map((task) => task.key)).toEqual(['cursor/encode', 'cursor/decode']);
    expect(reread.micro?.tasks.every((task) => task.repeatMeansNs.length === 3 && task.samples > 0)).toBe(true);
    expect(reread.scenarios).toEqual([]);
  });

  it('are refused when a task figure is missing or unknown', () => {
    const copy = JSON.parse(JSON.stringify(results));
    delete copy.micro.tasks[0].meanNs;
    copy.micro.pairs[0].extra = 1;
    expect(() => validateResults(copy)).toThrow(/\/micro\/tasks\/0\/meanNs is missing.*\/micro\/pairs\/0 has unknown property 'extra'/);
  });

  it('a load run without micro stays valid', () => {
    expect(validateResults(syntheticResults()).micro).toBeUndefined();
  });
});

describe('renderers show the micro section from the stored fields', () => {
  it('Markdown: pair speed-up with interval and every task; no empty load sections in a micro-only run', () => {
    const md = renderMarkdown(results);
    expect(md).toContain('## Micro-benchmarks');
    expect(md).toContain('| cursor | encode → decode |');
    expect(md).toContain('0.500× [0.400×, 0.600×]: candidate slower');
    expect(md).toMatch(/\| cursor\/encode \| [\d.]+ (ns|µs|ms) \|/);
    expect(md).not.toContain('## Calibration');
    expect(renderMarkdown(syntheticResults())).not.toContain('Micro-benchmarks');
  });

  it('HTML: a micro section with both tables', () => {
    const html = renderHtml(results);
    expect(html).toContain('<section id="micro"><h2>Micro-benchmarks</h2>');
    expect(html).toContain('<td>cursor/decode</td>');
    expect(html).toContain('0.500× [0.400×, 0.600×]');
    expect(renderHtml(syntheticResults())).not.toContain('id="micro"');
  });

  it('JUnit: a micro testsuite with a sample check per task and the speed-up per pair', () => {
    const xml = renderJunit(results);
    expect(xml).toMatch(/<testsuite name="micro" tests="3" failures="0"/);
    expect(xml).toContain('name="cursor/encode: enough samples"');
    expect(xml).toContain('<property name="measured" value="0.500× [0.400×, 0.600×]: candidate slower"/>');
    const few = structuredClone(results);
    few.micro!.tasks[0]!.enoughSamples = false;
    expect(renderJunit(few)).toMatch(/<testsuite name="micro" tests="3" failures="1"/);
  });
});
