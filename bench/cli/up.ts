import { defineCommand } from 'citty';
import { displayPath } from '../../lib/paths.ts';
import { readServices, type Services } from '../env/services.ts';
import { serviceEnvLines, startServiceHost } from '../env/start-service-host.ts';

export default defineCommand({
  meta: {
    name: 'up',
    description:
      'Start Postgres (embedded, persistent in .perflab/pgdata) and Redis in a background host for manual use; print DATABASE_URL/REDIS_URL lines. Other commands reuse them; `perflab down` stops them.',
  },
  args: {
    json: { type: 'boolean', description: 'Print the services (pids, URLs, versions, sources) as JSON instead of env lines' },
  },
  async run({ args }) {
    const running = await readServices();
    const services = running ?? (await startServiceHost());
    process.stderr.write(summary(services, running !== null));
    process.stdout.write(args.json ? JSON.stringify(services, null, 2) + '\n' : serviceEnvLines(services));
  },
});

function summary(services: Services, already: boolean): string {
  const { postgres, redis } = services;
  const where = postgres.source === 'embedded' ? `, data in ${displayPath(services.dataDir)}` : '';
  const cache = redis.url ? `Redis ${redis.version} (${redis.source})` : `no Redis: ${redis.reason ?? 'in-process cache'}`;
  const state = already ? `already running (host pid ${services.hostPid})` : `started (host pid ${services.hostPid})`;
  return `perflab: ${state}: Postgres ${postgres.version} (${postgres.source}${where}), ${cache}; stop with \`perflab down\`\n`;
}
