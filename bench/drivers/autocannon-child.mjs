// Child-process entry of the autocannon driver: registers tsx, then runs the TypeScript worker.
// A separate process keeps the load generator off the orchestrator's event loop.
import { register } from 'tsx/esm/api';

register();
await import('./autocannon-worker.ts');
