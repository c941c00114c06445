import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderScaleHtml } from './render-scale-html.ts';
import { renderScaleMarkdown } from './render-scale-markdown.ts';
import { scaleSchema, type ScaleReport } from './scale-schema.ts';

/** The one writer of a scale run: validates against the schema, then scale.json, scale.md and scale.html. */
export async function writeScaleReports(dir: string, report: ScaleReport): Promise<string[]> {
  const valid = scaleSchema.parse(report);
  await mkdir(dir, { recursive: true });
  const files = [join(dir, 'scale.json'), join(dir, 'scale.md'), join(dir, 'scale.html')];
  await writeFile(files[0]!, `${JSON.stringify(valid, null, 2)}\n`);
  await writeFile(files[1]!, renderScaleMarkdown(valid));
  await writeFile(files[2]!, renderScaleHtml(valid));
  return files;
}
