import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AuthService } from '../auth/auth.service';
import type { ChatService } from '../chat/chat.service';
import type { ConversationService } from '../chat/chat.conversations';
import type { FriendsService } from '../friends/friends.service';
import type { Db } from '../schema';
import { countUsers } from '../users/users.repo';
import { users } from '../users/users.tables';

export interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  role: 'user' | 'admin';
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'alice', password: 'demo-pass-123', displayName: 'Alice 爱丽丝', role: 'user' },
  { username: 'bob', password: 'demo-pass-123', displayName: 'Bob 鲍勃', role: 'user' },
  { username: 'carol', password: 'demo-pass-123', displayName: 'Carol 卡罗尔', role: 'user' },
  { username: 'admin', password: 'admin-pass-123', displayName: 'Admin 管理员', role: 'admin' },
];

export interface SeedResult {
  created: boolean;
  accounts: DemoAccount[];
}

export interface SeedServices {
  auth: AuthService;
  friends: FriendsService;
  chat: ChatService;
  conversations: ConversationService;
}

/**
 * Seeds the demo once, on an empty database only (never touches a database that has users): the accounts, alice
 * friends with bob and carol, a group of the three, and a few messages — through the same services a user drives.
 */
export async function seedDemoData(db: Db, services: SeedServices): Promise<SeedResult> {
  if ((await countUsers(db)) > 0) return { created: false, accounts: DEMO_ACCOUNTS };
  const ids: Record<string, string> = {};
  for (const account of DEMO_ACCOUNTS) {
    const { user } = await services.auth.register(account);
    ids[account.username] = user.id;
    if (account.role !== 'user') await db.update(users).set({ role: account.role }).where(eq(users.id, user.id));
  }
  const [alice, bob, carol] = [ids.alice!, ids.bob!, ids.carol!];
  for (const [from, to] of [
    [alice, bob],
    [alice, carol],
  ] as const) {
    const request = await services.friends.request(from, { toUserId: to, note: 'Hi, it is Alice 你好' });
    await services.friends.accept(to, request.id);
  }
  const { friends, chat, conversations } = services;
  const friendOfBob = (await friends.friends(bob)).find((f) => f.user.id === alice)!;
  await chat.send(bob, {
    conversationId: friendOfBob.conversationId!,
    clientMsgId: randomUUID(),
    kind: 'text',
    body: { text: 'Hi Alice! 周末一起吃饭吗？' },
  });
  const group = await conversations.createGroup(alice, {
    type: 'group',
    title: 'Weekend 周末小组',
    memberIds: [bob, carol],
  });
  await chat.send(alice, {
    conversationId: group.conversation.id,
    clientMsgId: randomUUID(),
    kind: 'text',
    body: { text: 'Welcome everyone 欢迎大家 🎉' },
  });
  return { created: true, accounts: DEMO_ACCOUNTS };
}
