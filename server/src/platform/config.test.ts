import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      appsPort: 3001,
      databaseUrl: undefined,
      redisUrl: undefined,
      seedDemo: true,
    });
    // The repository root's data/, wherever the process was started from.
    expect(config.dataDir).toBe(fileURLToPath(new URL('../../../data', import.meta.url)));
    expect(loadConfig({ DATA_DIR: 'rel/dir' }).dataDir).toBe(path.resolve('rel/dir'));
  });

  it('derives the apps port and the data directory from another PORT, so a second run needs nothing else', () => {
    const config = loadConfig({ PORT: '4000' });
    expect(config.appsPort).toBe(4001);
    expect(config.dataDir).toBe(fileURLToPath(new URL('../../../data-4000', import.meta.url)));
    expect(loadConfig({ PORT: '4000', APPS_PORT: '5001', DATA_DIR: 'x' })).toMatchObject({ appsPort: 5001 });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', JWT_SECRET: '', PORT: '' })).toMatchObject({
      databaseUrl: undefined,
      jwtSecret: undefined,
      port: 3000,
    });
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: '99999', REDIS_URL: 'http://x', JWT_SECRET: 'short' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/REDIS_URL/);
      expect((err as Error).message).toMatch(/JWT_SECRET/);
    }
  });

  it('strips a trailing slash from PUBLIC_URL and parses SEED_DEMO', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://chat.example.org/', SEED_DEMO: '0' })).toMatchObject({
      publicUrl: 'https://chat.example.org',
      seedDemo: false,
    });
  });
});
