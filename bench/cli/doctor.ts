import { defineCommand } from 'citty';
import { runChecks } from '../env/doctor-checks.ts';
import { formatChecks } from '../env/format-checks.ts';

export default defineCommand({
  meta: {
    name: 'doctor',
    description: 'Report Node, Postgres, Redis, Docker, k6, wrk and Chromium: versions and which branch of each provisioning chain will be taken.',
  },
  args: {
    json: { type: 'boolean', description: 'Print the checks as JSON' },
  },
  async run({ args }) {
    const checks = await runChecks();
    process.stdout.write(args.json ? JSON.stringify({ checks }, null, 2) + '\n' : formatChecks(checks));
    if (checks.some((c) => c.required && !c.ok)) process.exitCode = 1;
  },
});
