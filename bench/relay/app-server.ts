import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { createApp } from '@app/server/app';
import { loadConfig } from '@app/server/platform/config';
import { createTestDatabase, dropTestDatabase } from '@app/test/support/database';

/**
 * Our relay: the real server (auth on connect, zod on every payload, membership and friendship checks, the message
 * stored with its seq in Postgres, delivered to the peer's user room). N users in friend pairs with direct
 * conversations are inserted directly (argon2 for 5,000 registrations would dominate the setup), and their access
 * tokens written to the file named by argv[2].
 */
const clients = Number(process.argv[3] ?? 1000);
const { url, name } = await createTestDatabase('bench');
const app = await createApp(
  loadConfig({
    DATABASE_URL: process.env.BENCH_PG_OPTIONS
      ? `${url}?options=${encodeURIComponent(process.env.BENCH_PG_OPTIONS)}`
      : url,
    DB_POOL_SIZE: process.env.DB_POOL_SIZE,
    DATA_DIR: `/tmp/${name}`,
    LOG_LEVEL: 'silent',
    SEED_DEMO: '0',
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
  }),
  { limits: { messagesPer10sPerUser: 1_000_000 } },
);
const db = app.database.db;
await db.execute(sql`
  insert into users (username, display_name, password_hash, invite_code)
  select 'bench_' || i, 'Bench ' || i, 'not-a-hash', 'bench-invite-' || i from generate_series(0, ${clients - 1}) i`);
await db.execute(sql`
  insert into friendships (user_id, friend_id, source)
  select a.id, b.id, 'request' from users a join users b
    on b.username = 'bench_' || ((substring(a.username from 7)::int) # 1)`);
await db.execute(sql`
  insert into conversations (type, direct_key, member_count)
  select 'direct', least(a.user_id::text, a.friend_id::text) || ':' || greatest(a.user_id::text, a.friend_id::text), 2
  from friendships a where a.user_id < a.friend_id`);
await db.execute(sql`
  insert into conversation_members (conversation_id, user_id)
  select c.id, u.id from conversations c join users u on c.direct_key like '%' || u.id::text || '%'`);
const rows = (await db.execute(sql`
  select u.id, u.username, c.id as conversation_id from users u
  join conversation_members m on m.user_id = u.id join conversations c on c.id = m.conversation_id
  order by substring(u.username from 7)::int`)) as unknown as {
  rows: Array<{ id: string; username: string; conversation_id: string }>;
};
const users = rows.rows.map((r) => ({
  id: r.id,
  token: app.tokens.sign(r.id, 'user').token,
  conversationId: r.conversation_id,
}));
await writeFile(process.argv[2]!, JSON.stringify(users));
await app.listen(0);
const port = (app.httpServer.address() as { port: number }).port;
process.stdout.write(`${JSON.stringify({ ready: true, port, nonce: randomUUID() })}\n`);
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => dropTestDatabase(name))
    .finally(() => process.exit(0));
});
