import { ConfigError, loadConfig } from './config.ts';
import { listenApi } from './server.ts';

/**
 * Server entry for `node --import tsx reference-server/main.ts` (the harness spawns it this
 * way): config from the environment only; prints `listening on <url>` once ready; SIGINT or
 * SIGTERM drains in-flight requests, closes pool and cache, and exits 0.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const server = await listenApi(config);
  console.log(`cache: ${server.deps.cache.backend}`);
  console.log(`listening on ${server.url}`);
  const shutdown = (signal: string) => {
    console.log(`${signal}: draining`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `perflab-api: ${error.message}` : error);
  process.exit(1);
});
