import { describe, expect, it } from 'vitest';
import { isFound } from './driver.ts';
import { DRIVER_NAMES } from './driver-names.ts';
import { DRIVERS, findDrivers } from './registry.ts';

const profile = { closed: { connections: 7 }, open: { rate: 50, maxConnections: 9 } };

describe('driver registry', () => {
  it('holds exactly one driver per name in DRIVER_NAMES, each under its own name', () => {
    expect(Object.keys(DRIVERS)).toEqual([...DRIVER_NAMES]);
    for (const name of DRIVER_NAMES) expect(DRIVERS[name].name).toBe(name);
  });

  it.each(DRIVER_NAMES)('%s satisfies the Driver interface', async (name) => {
    const driver = DRIVERS[name];
    expect(['self', 'harness']).toContain(driver.evaluatesThresholds);
    for (const overrides of [{ connections: null, rate: null }, { connections: 3, rate: null }, { connections: 3, rate: 20 }]) {
      const model = driver.loadModel(profile, overrides);
      if (model.type === 'closed') expect(model.connections).toBeGreaterThan(0);
      else expect(model.rate).toBe(overrides.rate ?? profile.open.rate);
    }
    const result = await driver.find();
    expect(result.driver).toBe(driver);
    if (isFound(result)) {
      expect(result.version).toMatch(/\d+\.\d+\.\d+/);
      expect(typeof result.run).toBe('function');
    } else {
      expect(result.missing).toMatch(/^[^\n]+$/);
    }
  });

  it('keeps the load models of today: k6 always open, autocannon closed unless a rate is given', () => {
    const none = { connections: null, rate: null };
    expect(DRIVERS.k6.loadModel(profile, none)).toEqual({ type: 'open', rate: 50, maxConnections: 9 });
    expect(DRIVERS.k6.loadModel(profile, { connections: 20, rate: 5 })).toEqual({ type: 'open', rate: 5, maxConnections: 20 });
    expect(DRIVERS.autocannon.loadModel(profile, none)).toEqual({ type: 'closed', connections: 7 });
    expect(DRIVERS.autocannon.loadModel(profile, { connections: 3, rate: null })).toEqual({ type: 'closed', connections: 3 });
    expect(DRIVERS.autocannon.loadModel(profile, { connections: null, rate: 30 })).toEqual({ type: 'open', rate: 30, maxConnections: 9 });
  });

  it('says who evaluates the thresholds: k6 itself, autocannon through the harness', () => {
    expect(DRIVERS.k6.evaluatesThresholds).toBe('self');
    expect(DRIVERS.autocannon.evaluatesThresholds).toBe('harness');
  });

  it('findDrivers splits found from missing, in the order asked', async () => {
    const { found, missing } = await findDrivers(['k6', 'autocannon'], DRIVERS);
    expect([...found, ...missing].map((r) => r.driver.name).sort()).toEqual(['autocannon', 'k6']);
    expect(found.map((f) => f.driver.name)).toContain('autocannon');
  });
});
