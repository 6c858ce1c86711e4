import { randomBytes } from 'node:crypto';
import type { App } from '@app/server/app';
import type { AuthResponse } from '@app/shared';

export interface Api {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary response shapes
}

/** A tiny JSON client for tests: never throws on HTTP errors, returns status and parsed body. */
export async function api(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Api> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body };
}

export function uniqueName(prefix = 'u'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export interface BuiltUser extends AuthResponse {
  password: string;
}

/** Registers a fresh user through the real API. */
export async function buildUser(
  baseUrl: string,
  overrides: { username?: string; password?: string; displayName?: string; inviteCode?: string } = {},
): Promise<BuiltUser> {
  const password = overrides.password ?? 'correct horse battery';
  const username = overrides.username ?? uniqueName();
  const res = await api(baseUrl, 'POST', '/api/auth/register', {
    body: {
      username,
      password,
      displayName: overrides.displayName ?? `User ${username}`,
      ...(overrides.inviteCode ? { inviteCode: overrides.inviteCode } : {}),
    },
  });
  if (res.status !== 201) throw new Error(`buildUser failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...(res.body as AuthResponse), password };
}

/** Makes two users friends through the real request/accept path; returns their direct conversation id. */
export async function befriend(baseUrl: string, a: BuiltUser, b: BuiltUser): Promise<string> {
  const req = await api(baseUrl, 'POST', '/api/friends/requests', {
    token: a.accessToken,
    body: { toUserId: b.user.id },
  });
  if (req.status !== 201) throw new Error(`friend request failed: ${req.status} ${JSON.stringify(req.body)}`);
  const acc = await api(baseUrl, 'POST', `/api/friends/requests/${req.body.request.id}/accept`, {
    token: b.accessToken,
  });
  if (acc.status !== 200) throw new Error(`accept failed: ${acc.status} ${JSON.stringify(acc.body)}`);
  return acc.body.friend.conversationId as string;
}

/** Creates a group owned by `owner` with the given members (each made a friend of the owner first). */
export async function buildGroup(
  baseUrl: string,
  owner: BuiltUser,
  members: BuiltUser[],
  title = 'Test group',
): Promise<string> {
  for (const m of members) await befriend(baseUrl, owner, m);
  const res = await api(baseUrl, 'POST', '/api/conversations', {
    token: owner.accessToken,
    body: { type: 'group', title, memberIds: members.map((m) => m.user.id) },
  });
  if (res.status !== 201) throw new Error(`group failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.conversation.id as string;
}

/**
 * Many users at once, inserted directly (argon2 for hundreds of registrations would dominate a test), each with a
 * real access token from the server's own signer and, optionally, a friendship with `friendOf`.
 */
export async function bulkUsers(
  app: App,
  count: number,
  friendOf?: string,
): Promise<Array<{ id: string; token: string }>> {
  const { sql } = await import('drizzle-orm');
  const tag = randomBytes(4).toString('hex');
  const rows = (await app.database.db.execute(sql`
    insert into users (username, display_name, password_hash, invite_code)
    select ${`bulk_${tag}_`} || i, 'Bulk ' || i, 'no-login', ${`bulk-${tag}-`} || i from generate_series(1, ${count}) i
    returning id`)) as unknown as { rows: Array<{ id: string }> };
  const ids = rows.rows.map((r) => r.id);
  if (friendOf) {
    await app.database.db.execute(sql`
      insert into friendships (user_id, friend_id, source)
      select ${friendOf}::uuid, u, 'request' from unnest(${`{${ids.join(',')}}`}::uuid[]) u
      union all select u, ${friendOf}::uuid, 'request' from unnest(${`{${ids.join(',')}}`}::uuid[]) u`);
  }
  return ids.map((id) => ({ id, token: app.tokens.sign(id, 'user').token }));
}
