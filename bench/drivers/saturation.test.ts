import { describe, expect, it } from 'vitest';
import { assessSaturation } from './saturation.ts';
import { parseWrkReport } from './wrk.ts';

describe('assessSaturation', () => {
  it('is clean when the generator is idle enough and the rate was delivered', () => {
    expect(assessSaturation({ cpuCores: 0.5, offeredRate: 100, deliveredRate: 96 })).toEqual({ saturated: false, rateHeld: true, reason: null });
    expect(assessSaturation({ cpuCores: 0.89, offeredRate: null, deliveredRate: 5 })).toEqual({ saturated: false, rateHeld: null, reason: null });
  });

  it('flags a busy generator and a missed arrival rate, with both reasons', () => {
    expect(assessSaturation({ cpuCores: 0.9, offeredRate: null, deliveredRate: 1 }).reason).toBe('generator used 0.90 cores (≥ 0.9)');
    const both = assessSaturation({ cpuCores: 1.2, offeredRate: 1000, deliveredRate: 940, droppedIterations: 60 });
    expect(both.saturated).toBe(true);
    expect(both.rateHeld).toBe(false);
    expect(both.reason).toBe('generator used 1.20 cores (≥ 0.9); delivered 940.0 req/s of 1000 offered (94% < 95%, 60 iterations dropped)');
  });

  it('blames the server, not the generator, for a missed rate while the generator idles', () => {
    const slowServer = assessSaturation({ cpuCores: 0.1, offeredRate: 50, deliveredRate: 15, droppedIterations: 106 });
    expect(slowServer).toEqual({
      saturated: false,
      rateHeld: false,
      reason: 'delivered 15.0 req/s of 50 offered (30% < 95%, 106 iterations dropped): every connection was waiting on the server',
    });
  });
});

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
