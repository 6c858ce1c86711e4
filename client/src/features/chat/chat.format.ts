import { SystemBodySchema, type Conversation, type Message, type PublicUser, type SystemBody } from '@app/shared';
import type { TFunction } from 'i18next';

/** Who is who, for system lines and previews. */
export interface NameBook {
  me: string | null;
  users: Record<string, PublicUser>;
}

export function nameOf(book: NameBook, userId: string | null | undefined, t: TFunction): string {
  if (!userId) return t('chats.someone');
  if (userId === book.me) return t('chats.you');
  return book.users[userId]?.displayName ?? t('chats.someone');
}

/** System events the client has words for; an event added later on the server reads "System message". */
const SYSTEM_KEYS: Partial<Record<SystemBody['event'], `chats.system.${SystemBody['event']}`>> = {
  group_created: 'chats.system.group_created',
  members_added: 'chats.system.members_added',
  member_removed: 'chats.system.member_removed',
  member_left: 'chats.system.member_left',
  renamed: 'chats.system.renamed',
  announcement: 'chats.system.announcement',
  friends_now: 'chats.system.friends_now',
  message_recalled: 'chats.system.message_recalled',
  transfer_accepted: 'chats.system.transfer_accepted',
  transfer_declined: 'chats.system.transfer_declined',
  transfer_expired: 'chats.system.transfer_expired',
  redpacket_returned: 'chats.system.redpacket_returned',
};

/** "Alice added Bob, Carol", "You recalled a message"… */
export function systemText(message: Message, book: NameBook, t: TFunction): string {
  const parsed = SystemBodySchema.safeParse(message.body);
  if (!parsed.success) return t('chats.system.unknown');
  const { event, actorId, userIds = [], title = '' } = parsed.data;
  const actor = nameOf(book, actorId, t);
  const users = userIds.map((id) => nameOf(book, id, t)).join(t('chats.listSeparator'));
  const key = SYSTEM_KEYS[event];
  return key ? t(key, { actor, users, title }) : t('chats.system.unknown');
}

function bodyText(message: Message, field: string): string {
  const value = message.body[field];
  return typeof value === 'string' ? value : '';
}

/** One line for the Chats list: "[Image]", "[Red packet] Best wishes", "[Transfer]", "[Recalled]", system lines as text, "Bob: hi" in groups. */
export function previewText(message: Message | null, book: NameBook, group: boolean, t: TFunction): string {
  if (!message) return '';
  if (message.kind === 'system') return systemText(message, book, t);
  if (message.recalledAt) return t('chats.system.message_recalled', { actor: nameOf(book, message.senderId, t) });
  let text: string;
  if (message.kind === 'text') text = typeof message.body.text === 'string' ? message.body.text : '';
  else if (message.kind === 'image') text = t('chats.image');
  else if (message.kind === 'redpacket')
    text = t('chats.redPacketPreview', { greeting: bodyText(message, 'greeting') });
  else if (message.kind === 'transfer') text = t('chats.transferPreview');
  else if (message.kind === 'miniapp_card') text = t('chats.miniappPreview', { title: bodyText(message, 'title') });
  else if (message.kind === 'service')
    return t('chats.servicePreview', { name: bodyText(message, 'appName'), text: t('chats.serviceNotice') });
  else text = t('chats.unsupported');
  if (!group || !message.senderId || message.senderId === book.me) return text;
  return t('chats.senderPreview', { name: nameOf(book, message.senderId, t), text });
}

/** A conversation's title in the UI: the service notifications conversation has a translated name. */
export function conversationTitle(c: Pick<Conversation, 'type' | 'title'>, t: TFunction): string {
  return c.type === 'service' ? t('miniapp.service.title') : c.title;
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** Chats list time: today HH:mm, yesterday, this year M/D, else the full date. */
export function listTime(iso: string, locale: string, t: TFunction, now = new Date()): string {
  const at = new Date(iso);
  if (sameDay(at, now)) return clock(at, locale);
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(at, yesterday)) return t('chats.yesterday');
  const options: Intl.DateTimeFormatOptions =
    at.getFullYear() === now.getFullYear()
      ? { month: 'numeric', day: 'numeric' }
      : { year: 'numeric', month: 'numeric', day: 'numeric' };
  return new Intl.DateTimeFormat(locale, options).format(at);
}

function clock(at: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** The centred time line between messages: the clock today, otherwise the date and the clock. */
export function separatorTime(iso: string, locale: string, t: TFunction, now = new Date()): string {
  const at = new Date(iso);
  if (sameDay(at, now)) return clock(at, locale);
  return `${listTime(iso, locale, t, now)} ${clock(at, locale)}`;
}

/** A time line goes above a message when more than five minutes passed since the one before it. */
export const TIME_GAP_MS = 5 * 60 * 1000;

export function needsTimeLine(previous: Message | undefined, message: Message): boolean {
  if (!previous) return true;
  return new Date(message.createdAt).getTime() - new Date(previous.createdAt).getTime() > TIME_GAP_MS;
}

/** Counts for red badges: "99+" beyond 99. */
export function badgeCount(count: number): string {
  return count > 99 ? '99+' : String(count);
}
