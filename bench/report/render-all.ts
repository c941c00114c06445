import { renderHtml } from './render-html.ts';
import { renderJunit } from './render-junit.ts';
import { renderMarkdown } from './render-markdown.ts';
import type { Results } from '../results/types.ts';

/** The file name of each report and the renderer that produces it. */
export const REPORT_RENDERERS = {
  'results.md': renderMarkdown,
  'report.html': renderHtml,
  'junit.xml': renderJunit,
} as const satisfies Record<string, (results: Results) => string>;

export type ReportFile = keyof typeof REPORT_RENDERERS;

/** Renders every report of a run; callers write the strings where they like. */
export function renderAll(results: Results): Record<ReportFile, string> {
  return {
    'results.md': renderMarkdown(results),
    'report.html': renderHtml(results),
    'junit.xml': renderJunit(results),
  };
}
