import type { Message } from '@app/shared';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { badgeCount, conversationTitle, needsTimeLine, previewText, systemText, type NameBook } from './chat.format';

// A stand-in t(): the key and its options, so the tests read what would be shown without loading i18next.
const t = ((key: string, options?: Record<string, unknown>) =>
  options ? `${key}${JSON.stringify(options)}` : key) as unknown as TFunction;

const ME = '00000000-0000-4000-8000-0000000000aa';
const BOB = '00000000-0000-4000-8000-0000000000bb';
const book: NameBook = { me: ME, users: { [BOB]: { id: BOB, username: 'bob', displayName: 'Bob', avatarUrl: null } } };

function msg(extra: Partial<Message>): Message {
  return {
    id: 'm',
    conversationId: 'c',
    seq: 1,
    senderId: BOB,
    clientMsgId: null,
    kind: 'text',
    body: { text: 'hi' },
    createdAt: '2026-01-01T10:00:00.000Z',
    recalledAt: null,
    ...extra,
  };
}

describe('chat.format', () => {
  it('puts a time line first and after more than five minutes of silence', () => {
    const a = msg({ createdAt: '2026-01-01T10:00:00.000Z' });
    expect(needsTimeLine(undefined, a)).toBe(true);
    expect(needsTimeLine(a, msg({ createdAt: '2026-01-01T10:05:00.000Z' }))).toBe(false);
    expect(needsTimeLine(a, msg({ createdAt: '2026-01-01T10:05:01.000Z' }))).toBe(true);
  });

  it('caps badges at 99+', () => {
    expect(badgeCount(7)).toBe('7');
    expect(badgeCount(100)).toBe('99+');
  });

  it('names the actors of system lines, "you" for the viewer', () => {
    const line = msg({
      kind: 'system',
      senderId: null,
      body: { event: 'members_added', actorId: ME, userIds: [BOB] },
    });
    expect(systemText(line, book, t)).toBe('chats.system.members_added{"actor":"chats.you","users":"Bob","title":""}');
  });

  it('previews images, recalls and group senders', () => {
    expect(previewText(msg({ kind: 'image', body: {} }), book, false, t)).toBe('chats.image');
    expect(previewText(msg({ recalledAt: '2026-01-01T10:01:00.000Z', body: {} }), book, true, t)).toBe(
      'chats.system.message_recalled{"actor":"Bob"}',
    );
    expect(previewText(msg({}), book, true, t)).toBe('chats.senderPreview{"name":"Bob","text":"hi"}');
    expect(previewText(msg({ senderId: ME }), book, true, t)).toBe('hi');
  });

  it('previews red packets with their greeting and transfers by kind', () => {
    const packet = msg({
      kind: 'redpacket',
      body: { packetId: 'p', type: 'lucky', greeting: 'Best wishes', shares: 3 },
    });
    expect(previewText(packet, book, false, t)).toBe('chats.redPacketPreview{"greeting":"Best wishes"}');
    const transfer = msg({ kind: 'transfer', senderId: ME, body: { transferId: 't', amountFen: 100, note: null } });
    expect(previewText(transfer, book, false, t)).toBe('chats.transferPreview');
  });

  it('summarizes mini-program cards and service notifications, and names the service conversation', () => {
    const card = msg({ kind: 'miniapp_card', body: { appId: 'mpabcdefghij', title: 'Book a slot', path: '/' } });
    expect(previewText(card, book, false, t)).toBe('chats.miniappPreview{"title":"Book a slot"}');
    const service = msg({ kind: 'service', senderId: null, body: { appName: 'Hospital', data: {} } });
    expect(previewText(service, book, false, t)).toBe(
      'chats.servicePreview{"name":"Hospital","text":"chats.serviceNotice"}',
    );
    expect(conversationTitle({ type: 'service', title: 'Service notifications' }, t)).toBe('miniapp.service.title');
    expect(conversationTitle({ type: 'direct', title: 'Bob' }, t)).toBe('Bob');
  });
});
