#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx: `npm install` alone leaves a working
// `perflab`, with no build step to forget or to go stale.
import { register } from 'tsx/esm/api';

register();
const { installExitHandlers } = await import('../env/cleanup.ts');
// signals and crashes stop every process a command started (embedded Postgres, redis-server, the API, generators)
installExitHandlers();
const { main } = await import('./main.ts');
await main(process.argv.slice(2));
// a failed command has stopped what it started; a handle some library left open must not keep it alive
if (process.exitCode) process.exit();
