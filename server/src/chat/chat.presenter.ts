import type { Message, Member } from '@app/shared';
import { presentPublicUser } from '../users/users.presenter';
import type { UserRow } from '../users/users.tables';
import type { MemberRow, MessageRow } from './chat.tables';

export function presentMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    senderId: row.senderId,
    clientMsgId: row.clientMsgId,
    kind: row.kind,
    // A recalled message keeps its place (seq) but loses its content everywhere, including the database.
    body: row.recalledAt ? {} : { ...row.body, ...(row.mentions?.length ? { mentions: row.mentions } : {}) },
    createdAt: row.createdAt.toISOString(),
    recalledAt: row.recalledAt?.toISOString() ?? null,
  } satisfies Message;
}

export function presentMember(row: MemberRow, user: UserRow): Member {
  return { user: presentPublicUser(user), role: row.role, joinedAt: row.joinedAt.toISOString() } satisfies Member;
}
