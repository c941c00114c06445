import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const FOLDER = 'test-fixtures/regressions';
const patches = readdirSync(FOLDER).filter((f) => f.endsWith('.patch'));

// the study and the gate tests apply these to the working tree's code: a patch that no longer
// applies (a new migration in the journal, a moved line) would fail the study, not the regression
describe('injected-regression patches', () => {
  it('are the three the study names', () => {
    expect(patches).toEqual(['a-orders-n-plus-one.patch', 'b-drop-trigram-index.patch', 'c-product-detail-cache-off.patch']);
  });

  it.each(patches)('%s still applies to this tree', (patch) => {
    expect(() => execFileSync('git', ['apply', '--check', `${FOLDER}/${patch}`], { stdio: 'pipe' })).not.toThrow();
  });
});
