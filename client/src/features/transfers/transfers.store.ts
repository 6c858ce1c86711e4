import type { Transfer } from '@app/shared';
import { useEffect } from 'react';
import { onSocketConnect, type AppSocket } from '../../lib/socket';
import { createStore, useStore } from '../../lib/store';
import { fetchTransfer } from './transfers.api';

/** Transfers the open bubbles have asked about, by id; `transfer:updated` keeps them current. */
export const transfersStore = createStore<Record<string, Transfer>>({});
const inflight = new Set<string>();

export function putTransfer(transfer: Transfer): void {
  transfersStore.set({ ...transfersStore.get(), [transfer.id]: transfer });
}

async function load(transferId: string): Promise<void> {
  if (inflight.has(transferId)) return;
  inflight.add(transferId);
  try {
    putTransfer(await fetchTransfer(transferId));
  } catch {
    // The bubble keeps what its message said; the next render (or push) tries again.
  } finally {
    inflight.delete(transferId);
  }
}

/** The transfer behind a bubble: fetched once when first shown, then live. */
export function useTransfer(transferId: string | null): Transfer | undefined {
  const all = useStore(transfersStore);
  const known = transferId ? all[transferId] : undefined;
  useEffect(() => {
    if (transferId && !known) void load(transferId);
  }, [transferId, known]);
  return known;
}

const bound = new WeakSet<AppSocket>();

onSocketConnect((socket) => {
  if (!bound.has(socket)) {
    bound.add(socket);
    socket.on('transfer:updated', ({ transfer }) => putTransfer(transfer));
  }
  // A transfer may have been settled while we were offline: refresh the pending ones we show.
  for (const transfer of Object.values(transfersStore.get())) {
    if (transfer.status === 'pending') void load(transfer.id);
  }
});
