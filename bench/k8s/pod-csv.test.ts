import { describe, expect, it } from 'vitest';
import { podCsvFigures } from './pod-csv.ts';

const HEADER = 'metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,name,proto,scenario,status,extra_tags,metadata';
const row = (metric: string, time: number, value: number, scenario: string, status = 200) => `${metric},${time},${value},,,,true,,GET,GET /optimized/products/:id,HTTP/1.1,${scenario},${status},instance_id=1,`;

describe('a pod log read back', () => {
  it('keeps the measure rows of the CSV and skips log lines, the text summary, quoted checks and warm-up', () => {
    const log = [
      'time="2026-11-30T20:25:45Z" level=warning msg="Error from API server"',
      HEADER,
      row('http_reqs', 1000, 1, 'warmup'),
      row('http_req_duration', 1000, 50, 'warmup'),
      'checks,1005,1.000000,"at most 5 latest reviews, newest first",,,,,,,,measure,,instance_id=1,',
      row('http_reqs', 2000, 1, 'measure'),
      row('http_req_duration', 2000, 2.5, 'measure'),
      row('http_reqs', 3100, 1, 'measure', 503),
      row('http_req_duration', 3100, 1, 'measure', 503),
      '    http_reqs.......................: 94       31.16/s',
      '  █ perflab product-detail-cache (optimized, open model, 2s measured after 1s warm-up)',
    ].join('\n');
    const { figures } = podCsvFigures(log, 2);
    expect(figures).toMatchObject({ succeeded: 1, failed: 1, perSecond: [1, 0] });
    expect(figures.latencyMs.max).toBe(2.5);
  });

  it('says what is wrong with a log that holds no CSV', () => {
    expect(() => podCsvFigures('level=error msg="setup() execution timed out"', 2)).toThrow(/no k6 CSV header/);
  });
});
