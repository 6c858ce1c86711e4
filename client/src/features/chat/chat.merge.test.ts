import type { Message } from '@app/shared';
import { describe, expect, it } from 'vitest';
import {
  advanceCursor,
  advanceCursors,
  emptyThread,
  hasGap,
  mergeMessages,
  newestSeq,
  oldestSeq,
  upsertLocal,
  type Thread,
} from './chat.merge';

const CONV = '00000000-0000-4000-8000-000000000001';
const ME = '00000000-0000-4000-8000-0000000000aa';

function msg(seq: number, extra: Partial<Message> = {}): Message {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    conversationId: CONV,
    seq,
    senderId: ME,
    clientMsgId: null,
    kind: 'text',
    body: { text: `m${seq}` },
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
    recalledAt: null,
    ...extra,
  };
}

const seqs = (thread: Thread) => thread.items.map((item) => item.message.seq);

describe('mergeMessages', () => {
  it('orders by seq and never keeps a message twice', () => {
    let thread = mergeMessages(emptyThread(0), [msg(2), msg(1)]);
    thread = mergeMessages(thread, [msg(1), msg(3), msg(2)]);
    expect(seqs(thread)).toEqual([1, 2, 3]);
    expect(thread.cursor).toBe(3);
  });

  it('replaces a pending send by the stored message with the same clientMsgId', () => {
    const clientMsgId = '00000000-0000-4000-8000-0000000000c1';
    const local = { ...msg(0), id: clientMsgId, clientMsgId };
    let thread = upsertLocal(mergeMessages(emptyThread(0), [msg(1)]), local, 'pending');
    expect(thread.items.map((i) => i.status)).toEqual(['sent', 'pending']);
    // The ack and the echo of the same send both arrive: still one message.
    thread = mergeMessages(thread, [msg(2, { clientMsgId })]);
    thread = mergeMessages(thread, [msg(2, { clientMsgId })]);
    expect(thread.items.map((i) => [i.message.seq, i.status])).toEqual([
      [1, 'sent'],
      [2, 'sent'],
    ]);
    // A late local update (e.g. a timed-out attempt marking it failed) cannot bring the copy back.
    expect(upsertLocal(thread, local, 'failed')).toBe(thread);
  });

  it('keeps pending sends after stored messages, in the order written', () => {
    const a = { ...msg(0), id: 'a', clientMsgId: 'a' };
    const b = { ...msg(0), id: 'b', clientMsgId: 'b' };
    let thread = upsertLocal(upsertLocal(emptyThread(0), a, 'pending'), b, 'failed');
    thread = mergeMessages(thread, [msg(1, { senderId: 'other' })]);
    expect(thread.items.map((i) => i.message.id)).toEqual([msg(1).id, 'a', 'b']);
    expect(thread.items[2]!.status).toBe('failed');
  });

  it('applies a recall line to the original, and a stale copy does not undo it', () => {
    const original = msg(1);
    const line = msg(2, {
      kind: 'system',
      senderId: null,
      body: { event: 'message_recalled', messageId: original.id },
    });
    let thread = mergeMessages(emptyThread(0), [original]);
    thread = mergeMessages(thread, [line]);
    expect(thread.items[0]!.message.recalledAt).toBe(line.createdAt);
    expect(thread.items[0]!.message.body).toEqual({});
    thread = mergeMessages(thread, [original]);
    expect(thread.items[0]!.message.recalledAt).not.toBeNull();
  });
});

describe('cursors', () => {
  it('advance over held seqs without crossing a gap', () => {
    const thread = mergeMessages(emptyThread(2), [msg(3), msg(5)]);
    expect(thread.cursor).toBe(3);
    expect(hasGap(thread)).toBe(true);
    const filled = mergeMessages(thread, [msg(4)]);
    expect(filled.cursor).toBe(5);
    expect(hasGap(filled)).toBe(false);
  });

  it('do not move back when older history arrives', () => {
    const thread = mergeMessages(emptyThread(10), [msg(4), msg(5)]);
    expect(thread.cursor).toBe(10);
    expect(oldestSeq(thread)).toBe(4);
    expect(newestSeq(thread)).toBe(5);
    expect(advanceCursor(10, thread.items)).toBe(10);
  });

  it('advance per conversation for the next sync page', () => {
    const other = { ...msg(7), conversationId: 'c2' };
    expect(advanceCursors({ [CONV]: 1, c2: 3 }, [msg(2), msg(3), other])).toEqual({ [CONV]: 3, c2: 7 });
  });
});
