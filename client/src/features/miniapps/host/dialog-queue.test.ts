import { BridgeError } from '@app/shared/bridge';
import { describe, expect, it } from 'vitest';
import { createDialogQueue } from './dialog-queue';

describe('createDialogQueue', () => {
  it('shows one dialog at a time, in order, and resolves each with its answer', async () => {
    const queue = createDialogQueue();
    const signal = new AbortController().signal;
    const finishers: Array<(v: string) => void> = [];
    const first = queue.open<string>((finish) => (finishers.push(finish), 'first'), signal);
    const second = queue.open<string>((finish) => (finishers.push(finish), 'second'), signal);
    expect(queue.store.get()).toHaveLength(2);
    expect(queue.store.get()[0]?.view()).toBe('first');
    finishers[0]?.('a');
    await expect(first).resolves.toBe('a');
    expect(queue.store.get()).toHaveLength(1);
    expect(queue.store.get()[0]?.view()).toBe('second');
    finishers[1]?.('b');
    finishers[1]?.('ignored');
    await expect(second).resolves.toBe('b');
    expect(queue.store.get()).toHaveLength(0);
  });

  it('a disposed bridge (aborted signal) removes its dialogs and rejects with cancelled', async () => {
    const queue = createDialogQueue();
    const controller = new AbortController();
    const pending = queue.open(() => 'dialog', controller.signal);
    controller.abort();
    await expect(pending).rejects.toEqual(new BridgeError('cancelled', 'The mini-program was closed'));
    expect(queue.store.get()).toHaveLength(0);
    await expect(queue.open(() => 'late', controller.signal)).rejects.toBeInstanceOf(BridgeError);
    expect(queue.store.get()).toHaveLength(0);
  });
});
