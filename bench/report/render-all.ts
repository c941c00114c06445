import { renderHtml } from './render-html.ts';
import { renderJunit } from './render-junit.ts';
import { renderMarkdown } from './render-markdown.ts';
import type { Results } from '../results/types.ts';

/**
 * Every report format: its `--format` name, the file it is written to, and the renderer
 * that produces it. The one list of formats: adding a report is a renderer file and one
 * line here; `run`, `report` and `--format` all read it.
 */
export const REPORT_RENDERERS = {
  md: { file: 'results.md', render: renderMarkdown },
  html: { file: 'report.html', render: renderHtml },
  junit: { file: 'junit.xml', render: renderJunit },
} as const satisfies Record<string, { file: string; render: (results: Results) => string }>;

export type ReportFormat = keyof typeof REPORT_RENDERERS;
export type ReportFile = (typeof REPORT_RENDERERS)[ReportFormat]['file'];

/** Every format, in the order reports are written and listed. */
export const REPORT_FORMATS = Object.keys(REPORT_RENDERERS) as ReportFormat[];

/** Renders the given formats (all by default) as file name → content; callers write the strings where they like. */
export function renderAll(results: Results, formats: readonly ReportFormat[] = REPORT_FORMATS): [ReportFile, string][] {
  return formats.map((format) => [REPORT_RENDERERS[format].file, REPORT_RENDERERS[format].render(results)]);
}
