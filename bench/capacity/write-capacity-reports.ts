import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { capacitySchema, type CapacityReport } from './capacity-schema.ts';
import { renderCapacityHtml } from './render-capacity-html.ts';
import { renderCapacityMarkdown } from './render-capacity-markdown.ts';

/** The one writer of a capacity run: validates against the schema, then capacity.json, capacity.md and report.html (the capacity charts). */
export async function writeCapacityReports(dir: string, report: CapacityReport): Promise<string[]> {
  const valid = capacitySchema.parse(report);
  await mkdir(dir, { recursive: true });
  const files = [join(dir, 'capacity.json'), join(dir, 'capacity.md'), join(dir, 'report.html')];
  await writeFile(files[0]!, `${JSON.stringify(valid, null, 2)}\n`);
  await writeFile(files[1]!, renderCapacityMarkdown(valid));
  await writeFile(files[2]!, renderCapacityHtml(valid));
  return files;
}
