import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { capacityJsonSchemaText, capacitySchema } from './capacity-schema.ts';
import { renderCapacityMarkdown } from './render-capacity-markdown.ts';
import { simulatedReport } from './simulated-report.ts';

describe('capacity.json', () => {
  it('capacity.schema.json is what the zod schema generates (regenerate: node --import tsx bench/capacity/write-capacity-schema.ts)', async () => {
    const onDisk = await readFile(new URL('./capacity.schema.json', import.meta.url), 'utf8');
    expect(onDisk === capacityJsonSchemaText()).toBe(true);
  });

  it('a report assembled from measured steps validates, sizes both variants and says what the fix buys', async () => {
    const report = capacitySchema.parse(await simulatedReport());
    const [naive, optimized] = report.variants;
    expect(naive!.outcome?.kind).toBe('found');
    expect(optimized!.sizing!.instances).toBeLessThan(naive!.sizing!.instances);
    expect(report.comparisons[0]!.sentence).toMatch(/^The fix buys \d\.\d× headroom: \d+ instances instead of \d+ for 5,000 req\/s\.$/);
    expect(naive!.sizing!.pool!.formula).toContain('max_connections 100');
    const markdown = renderCapacityMarkdown(report);
    expect(markdown).toContain('instances = ceil(5,000 /');
    expect(markdown).toContain('USL: λ =');
  });
});
