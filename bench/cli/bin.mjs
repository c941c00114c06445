#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx: `npm install` alone leaves a working
// `perflab`, with no build step to forget or to go stale.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
await main(process.argv.slice(2));
