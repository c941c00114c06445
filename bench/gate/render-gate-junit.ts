import { escapeXml as x } from '../report/escape-text.ts';
import type { GateReport } from './gate-schema.ts';

/**
 * gate-junit.xml: one testsuite per check kind, one testcase per check. A failed check is a
 * <failure>, an inconclusive one an <error> (the gate could not decide: CI should look),
 * a not-compared one <skipped> with its reason. The evidence sentence is the message.
 */
export function renderGateJunit(report: GateReport): string {
  const kinds = [...new Set(report.checks.map((c) => c.kind))];
  const count = (status: string, checks = report.checks) => checks.filter((c) => c.status === status).length;
  const suites = kinds.map((kind) => {
    const checks = report.checks.filter((c) => c.kind === kind);
    const cases = checks.map((check) => {
      const open = `    <testcase classname="perflab.gate.${kind}" name="${x(check.name)}" time="0">`;
      const body =
        check.status === 'fail' ? `      <failure type="regression" message="${x(check.evidence)}"/>`
        : check.status === 'inconclusive' ? `      <error type="inconclusive" message="${x(check.evidence)}"/>`
        : check.status === 'not-compared' ? `      <skipped message="${x(check.evidence)}"/>`
        : `      <system-out>${x(check.evidence)}</system-out>`;
      return [open, body, '    </testcase>'].join('\n');
    });
    return [
      `  <testsuite name="gate ${kind}" tests="${checks.length}" failures="${count('fail', checks)}" errors="${count('inconclusive', checks)}" skipped="${count('not-compared', checks)}" time="0">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="perflab gate ${x(report.candidate.runId)} against ${x(report.baseline.runId)}" tests="${report.checks.length}" failures="${count('fail')}" errors="${count('inconclusive')}" skipped="${count('not-compared')}" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
