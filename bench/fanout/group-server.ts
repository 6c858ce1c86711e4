import { writeFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { createApp } from '@app/server/app';
import { loadConfig } from '@app/server/platform/config';
import { createTestDatabase, dropTestDatabase } from '@app/test/support/database';
import { bulkUsers } from '@app/test/support/factories';

/**
 * Our server for the fan-out benchmark: `groups` (argv[3]) groups of 500 members each (an owner and 499 of the
 * owner's friends), created through the real `createGroup`, default limits (200 sends per 10 s per user). The
 * owners' and members' access tokens go to the file named by argv[2].
 */
const groups = Number(process.argv[3] ?? 1);
const { url, name } = await createTestDatabase('benchfanout');
const app = await createApp(
  loadConfig({
    DATABASE_URL: url,
    DB_POOL_SIZE: process.env.DB_POOL_SIZE,
    DATA_DIR: `/tmp/${name}`,
    LOG_LEVEL: 'silent',
    SEED_DEMO: '0',
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
  }),
  { jobs: false },
);
const out: Array<{
  conversationId: string;
  sender: { id: string; token: string };
  members: Array<{ id: string; token: string }>;
}> = [];
for (let g = 0; g < groups; g++) {
  const [sender, ...members] = await bulkUsers(app, 500);
  await app.database.db.execute(sql`
    insert into friendships (user_id, friend_id, source)
    select ${sender!.id}::uuid, u, 'request' from unnest(${`{${members.map((m) => m.id).join(',')}}`}::uuid[]) u
    union all select u, ${sender!.id}::uuid, 'request' from unnest(${`{${members.map((m) => m.id).join(',')}}`}::uuid[]) u`);
  const group = await app.conversations.createGroup(sender!.id, {
    type: 'group',
    title: `Fan-out ${g}`,
    memberIds: members.map((m) => m.id),
  });
  out.push({ conversationId: group.conversation.id, sender: sender!, members });
}
await writeFile(process.argv[2]!, JSON.stringify(out));
await app.listen(0);
const port = (app.httpServer.address() as { port: number }).port;
process.stdout.write(`${JSON.stringify({ ready: true, port })}\n`);
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => dropTestDatabase(name))
    .finally(() => process.exit(0));
});
