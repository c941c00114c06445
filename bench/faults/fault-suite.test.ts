import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { which } from '../env/which.ts';
import { FAULT_SCENARIOS, faultTable, runScenario, type ScenarioReport } from './test-support/fault-scenarios.ts';
import { startFaultStack, type FaultStack } from './test-support/fault-stack.ts';

// The short form (CI): 4 workers, 2 s faults; about a minute and a half in all.
const TIMING = { workers: 4, beforeMs: 1_000, holdMs: 2_000, afterMs: 3_000 };

describe.skipIf(requireOrSkip('redis-server', which('redis-server') !== null))('fault injection under load', () => {
  let stack: FaultStack;
  const reports: ScenarioReport[] = [];
  beforeAll(async () => void (stack = await startFaultStack()), 180_000);
  afterAll(async () => {
    if (reports.length > 0) process.stdout.write(`\n${faultTable(reports)}\n`);
    await stack?.close();
  });

  for (const scenario of FAULT_SCENARIOS) {
    it(`${scenario.name}: only 503s, nothing lost or stale, recovered within 2 s`, async () => {
      const report = await runScenario(stack, scenario, TIMING);
      reports.push(report);
      expect({ bad: report.bad, lost: report.lost, stale: report.stale }).toEqual({ bad: 0, lost: 0, stale: 0 });
      expect(report.goodput).toBeGreaterThan(0);
      expect(report.recoveryMs).toBeLessThanOrEqual(2_000);
    }, 60_000);
  }
});
