import { describe, expect, it } from 'vitest';
import { contracts } from './contracts.ts';
import { comparisons, loadComparison } from './index.ts';

describe('comparison registry', () => {
  it('loads one server file per contract, in contract order, each bound to its own contract', () => {
    expect(comparisons.map((c) => c.contract)).toEqual([...contracts]);
  });

  it('names the missing file when a contract has no server side', async () => {
    await expect(loadComparison('no-such-comparison')).rejects.toThrow(/'no-such-comparison' has a contract but no server file reference-server\/comparisons\/no-such-comparison\.ts/);
  });

  it('refuses a file that does not default-export the comparison of that id', async () => {
    await expect(loadComparison('mount')).rejects.toThrow(/mount\.ts must default-export defineComparison\('mount'/);
    await expect(loadComparison('contracts')).rejects.toThrow(/must default-export/);
  });
});
