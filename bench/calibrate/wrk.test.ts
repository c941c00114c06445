import { describe, expect, it } from 'vitest';
import { parseWrkReport } from './wrk.ts';

describe('parseWrkReport', () => {
  it('reads the JSON line of wrk-report.lua (µs) into ms', () => {
    const stdout = 'Running 2s test @ http://127.0.0.1/noop\n  Latency Distribution\n     50%  133.00us\nPERFLAB_WRK {"requests":36206,"durationUs":2009090,"errors":0,"non2xx":3,"p50":133,"p90":5172,"p95":32875,"p99":94978,"p999":118402,"max":120835,"mean":4526.4}\n';
    expect(parseWrkReport(stdout)).toEqual({
      requests: 36206,
      errors: 0,
      non2xx: 3,
      throughput: 36206 / 2.00909,
      latencyMs: { p50: 0.133, p90: 5.172, p95: 32.875, p99: 94.978, p999: 118.402, max: 120.835, mean: 4.526 },
    });
  });

  it('says so when wrk printed no report', () => {
    expect(() => parseWrkReport('unable to connect to 127.0.0.1:1 Connection refused\n')).toThrow(/wrk printed no report: unable to connect/);
  });
});
