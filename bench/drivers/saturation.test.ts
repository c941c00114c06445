import { describe, expect, it } from 'vitest';
import { assessSaturation } from './saturation.ts';

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
