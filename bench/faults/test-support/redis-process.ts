import { spawn, type ChildProcess } from 'node:child_process';
import { registerChild, stopChild } from '../../env/cleanup.ts';
import { freePort } from '../../env/free-port.ts';
import { redisVersion } from '../../env/redis-server.ts';

/** A redis-server the fault suite can kill, stop and restart on the same port, keeping its data. */
export interface FaultRedis {
  url: string;
  /** SIGSTOP: the process hangs, its sockets stay open (a hung Redis). */
  pause(): void;
  /** SIGCONT. */
  resume(): void;
  /** Stops it (SIGTERM: the append-only file is fsynced), then starts it again on the same port with the same data. */
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Spawns redis-server on a free loopback port with an fsync-always append-only file in `dir`,
 * so it comes back from a kill with every key: the "persistent Redis" of a production deploy.
 */
export async function spawnPersistentRedis(bin: string, dir: string): Promise<FaultRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let unregister = () => {};
  const start = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--daemonize', 'no'];
    const spawned = spawn(bin, args, { stdio: 'ignore' });
    child = spawned;
    unregister = registerChild('fault redis-server', spawned);
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await redisVersion(url, 500);
        return;
      } catch (error) {
        if (Date.now() > deadline || spawned.exitCode !== null) throw new Error(`redis-server did not start on ${port}: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const stop = async () => {
    const running = child;
    child = null;
    unregister();
    if (!running) return;
    running.kill('SIGCONT');
    await stopChild(running);
  };
  await start();
  return {
    url,
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    kill: stop,
    start,
    stop,
  };
}
