import { measureClosed } from './autocannon-closed.ts';
import { measureOpen } from './open-model-scheduler.ts';
import type { AutocannonInput, FromChild, ToChild } from './autocannon-protocol.ts';
import type { DriverOutput, TickEvent } from './types.ts';

// The parent going away (crash, SIGKILL) closes the IPC channel: never outlive it.
process.on('disconnect', () => process.exit(0));
// One window per 'run' message, one after another: the driver keeps this process for the next window.
process.on('message', (message: ToChild) => {
  if (message.type !== 'run') return;
  measure(message.input)
    .then((output) => send({ type: 'result', output }))
    .catch(async (error: unknown) => {
      await send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      process.exit(0);
    });
});

function send(message: FromChild): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, () => resolve());
  });
}

/** Closed model: autocannon. Open model: perflab's evenly spaced scheduler (autocannon's overallRate sends bursts). */
function measure(input: AutocannonInput): Promise<DriverOutput> {
  const onTick = (tick: TickEvent) => void send({ type: 'tick', tick });
  const { model } = input;
  return model.type === 'closed' ? measureClosed({ ...input, model }, onTick) : measureOpen({ ...input, model }, onTick);
}
