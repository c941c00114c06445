import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gateExitCode, type InconclusivePolicy } from './gate-exit-code.ts';
import { GATE_SCHEMA_VERSION, gateReportSchema, type GateReport } from './gate-schema.ts';
import { renderGateJunit } from './render-gate-junit.ts';
import { renderGateMarkdown } from './render-gate-markdown.ts';
import type { GateOutcome } from './run-gate.ts';

/** The gate.json document of an outcome, validated against its schema (a bug here throws, never writes). */
export function gateReport(outcome: GateOutcome, inconclusive: InconclusivePolicy = 'exit-3'): GateReport {
  return gateReportSchema.parse({ schemaVersion: GATE_SCHEMA_VERSION, exitCode: gateExitCode(outcome.verdict, inconclusive), ...outcome });
}

/** Writes gate.json, gate.md and gate-junit.xml into `dir`; returns their paths. */
export async function writeGateReports(dir: string, report: GateReport): Promise<string[]> {
  const files: [string, string][] = [
    ['gate.json', `${JSON.stringify(report, null, 2)}\n`],
    ['gate.md', renderGateMarkdown(report)],
    ['gate-junit.xml', renderGateJunit(report)],
  ];
  await mkdir(dir, { recursive: true });
  for (const [name, content] of files) await writeFile(join(dir, name), content);
  return files.map(([name]) => join(dir, name));
}
