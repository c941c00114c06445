import { EMBEDDED_PASSWORD, EMBEDDED_USER, POSTGRES_SETTINGS } from './embedded-postgres.ts';

/** A `postgres:17` container started through Testcontainers, with perflab's settings. */
export async function startPostgresContainer(): Promise<{ url: string; stop(): Promise<void> }> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('postgres:17')
    .withEnvironment({ POSTGRES_USER: EMBEDDED_USER, POSTGRES_PASSWORD: EMBEDDED_PASSWORD, POSTGRES_DB: 'perflab' })
    .withCommand(['postgres', ...POSTGRES_SETTINGS.flatMap((s) => ['-c', s])])
    .withExposedPorts(5432)
    // The entrypoint starts Postgres twice (init, then for real); the second "ready" is the one.
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  const url = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@${container.getHost()}:${container.getMappedPort(5432)}/perflab`;
  return { url, stop: async () => void (await container.stop()) };
}
