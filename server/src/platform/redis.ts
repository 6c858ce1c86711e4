import { createClient } from 'redis';
import type { Logger } from './logger';

export type RedisClient = ReturnType<typeof createClient>;

/** Connects to REDIS_URL; errors after connecting are logged, and the client reconnects by itself. */
export async function connectRedis(url: string, logger: Logger): Promise<RedisClient> {
  const client = createClient({ url });
  client.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis error'));
  await client.connect();
  return client;
}
