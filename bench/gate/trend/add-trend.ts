import { readFile, writeFile } from 'node:fs/promises';
import type { Results } from '../../results/types.ts';
import { historyLine, readHistory } from '../history.ts';
import { renderTrendSection, trendSeries } from './render-trend.ts';

/** Where the trend section goes: before the reading guide, else at the end of the body. */
export function spliceTrend(html: string, section: string): string {
  if (section === '') return html;
  const anchor = html.includes('<section id="legend">') ? '<section id="legend">' : '</body>';
  return html.replace(anchor, `${section}${anchor}`);
}

/**
 * Adds the trend across `reportsDir`'s history (the run's own line included once it is
 * appended) to an already written report.html. Returns how many series it drew.
 */
export async function addTrendToReport(reportHtml: string, reportsDir: string, results: Results): Promise<number> {
  const { lines } = await readHistory(reportsDir);
  const series = trendSeries(lines, historyLine(results));
  await writeFile(reportHtml, spliceTrend(await readFile(reportHtml, 'utf8'), renderTrendSection(series)));
  return series.length;
}
