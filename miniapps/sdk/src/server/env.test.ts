import { describe, expect, it } from 'vitest';
import { BackendEnvError, parseBackendEnv } from './env';

const base = {
  APP_NAME: 'hello',
  APP_ID: 'mpabc123def4',
  APP_SECRET: 'secret-0123456789-abcdef',
  PLATFORM_URL: 'http://127.0.0.1:3000/',
  PORT: '3101',
  ALLOWED_ORIGIN: 'http://mpabc123def4.apps.localhost:3001',
  APP_DATA_DIR: '/data/apps/hello',
};

describe('parseBackendEnv', () => {
  it('reads what the platform passes to a bundled backend, with defaults', () => {
    expect(parseBackendEnv(base)).toEqual({
      name: 'hello',
      appId: 'mpabc123def4',
      appSecret: 'secret-0123456789-abcdef',
      platformUrl: 'http://127.0.0.1:3000',
      port: 3101,
      host: '127.0.0.1',
      allowedOrigin: 'http://mpabc123def4.apps.localhost:3001',
      database: { dataDir: '/data/apps/hello' },
    });
  });

  it('prefers DATABASE_URL, treats empty values as unset and takes a default port', () => {
    const env = parseBackendEnv(
      { ...base, PORT: '', HOST: '', DATABASE_URL: 'postgres://u@db:5432/x', PLATFORM_URL: '' },
      { defaultPort: 3101 },
    );
    expect(env).toMatchObject({
      port: 3101,
      host: '127.0.0.1',
      platformUrl: 'http://127.0.0.1:3000',
      database: { databaseUrl: 'postgres://u@db:5432/x' },
    });
  });

  it('names every bad variable at once', () => {
    const attempt = () =>
      parseBackendEnv({
        APP_NAME: 'Hello World',
        APP_ID: 'nope',
        APP_SECRET: 'short',
        ALLOWED_ORIGIN: 'http://mpabc123def4.apps.localhost:3001/page',
      });
    expect(attempt).toThrow(BackendEnvError);
    const message = (() => {
      try {
        attempt();
      } catch (err) {
        return (err as Error).message;
      }
    })();
    for (const name of ['APP_NAME', 'APP_ID', 'APP_SECRET', 'PORT', 'ALLOWED_ORIGIN', 'DATABASE_URL'])
      expect(message).toContain(`  ${name}: `);
    expect(message).toContain('Set DATABASE_URL (Postgres) or APP_DATA_DIR');
  });
});
