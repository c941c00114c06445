import { K6CsvAggregator } from '../drivers/k6-csv.ts';
import type { OutcomeFigures } from '../drivers/outcome-tally.ts';

export interface PodFigures {
  figures: OutcomeFigures;
  droppedIterations: number;
}

/**
 * Folds one pod's log (`kubectl logs`: k6's CSV samples on stdout, interleaved with its log lines
 * and text summary) with the driver's CSV aggregator: the header is the line starting with
 * `metric_name,`, and only rows with its number of cells and a numeric timestamp are samples.
 */
export function podCsvFigures(log: string, durationSec: number): PodFigures {
  const csv = new K6CsvAggregator(durationSec);
  let columns = 0;
  let timestampAt = -1;
  for (const line of log.split(/\r?\n/)) {
    if (columns === 0) {
      if (!line.startsWith('metric_name,')) continue;
      const header = line.split(',');
      columns = header.length;
      timestampAt = header.indexOf('timestamp');
      csv.line(line);
      continue;
    }
    const cells = line.split(',');
    if (cells.length === columns && /^\d+$/.test(cells[timestampAt] ?? '')) csv.line(line);
  }
  if (columns === 0) throw new Error('no k6 CSV header (metric_name,timestamp,…) in this log: was the TestRun written by `perflab k8s`?');
  csv.flush();
  return { figures: csv.figures(), droppedIterations: csv.droppedIterations };
}
