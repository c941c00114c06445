import { request } from 'node:http';
import { existsSync } from 'node:fs';

/** What a quick probe of the Docker engine found. */
export interface DockerProbe {
  available: boolean;
  endpoint: string;
  version: string | null;
  reason: string | null;
}

/**
 * Asks the Docker engine (DOCKER_HOST or /var/run/docker.sock) for its version within
 * `timeoutMs`. Testcontainers' own discovery can take many seconds when no engine runs,
 * so the chains probe first and only then hand over to Testcontainers.
 */
export async function probeDocker(timeoutMs = 800): Promise<DockerProbe> {
  const host = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  const target = dockerTarget(host);
  if (!target) return { available: false, endpoint: host, version: null, reason: `unsupported DOCKER_HOST ${host}` };
  if ('socketPath' in target && !existsSync(target.socketPath)) {
    return { available: false, endpoint: host, version: null, reason: `no Docker socket at ${target.socketPath}` };
  }
  return new Promise((resolve) => {
    const done = (version: string | null, reason: string | null) =>
      resolve({ available: version !== null, endpoint: host, version, reason });
    const req = request({ ...target, path: '/version', timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) return done(null, `Docker engine answered HTTP ${res.statusCode}`);
        try {
          done(String((JSON.parse(body) as { Version?: string }).Version ?? 'unknown'), null);
        } catch {
          done(null, 'Docker engine sent an unreadable /version answer');
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => done(null, `Docker engine not reachable at ${host}: ${error.message}`));
    req.end();
  });
}

function dockerTarget(host: string): { socketPath: string } | { host: string; port: number } | null {
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  const match = /^(?:tcp|http):\/\/([^:/]+):(\d+)/.exec(host);
  return match ? { host: match[1]!, port: Number(match[2]) } : null;
}
