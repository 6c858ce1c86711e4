import type { RedPacketDetail } from '@app/shared';
import { useEffect } from 'react';
import { onSocketConnect, type AppSocket } from '../../lib/socket';
import { createStore, useStore } from '../../lib/store';
import { fetchRedPacket } from './redpackets.api';

/** Red packets the open bubbles have asked about, by id (packet, claims, my share). */
export const redPacketsStore = createStore<Record<string, RedPacketDetail>>({});
const inflight = new Map<string, Promise<RedPacketDetail | null>>();

export function putRedPacket(detail: RedPacketDetail): void {
  redPacketsStore.set({ ...redPacketsStore.get(), [detail.packet.id]: detail });
}

/** Fetches (again) and stores a packet's detail; concurrent callers share one request. */
export function reloadRedPacket(packetId: string): Promise<RedPacketDetail | null> {
  const running = inflight.get(packetId);
  if (running) return running;
  const request = fetchRedPacket(packetId)
    .then((detail) => {
      putRedPacket(detail);
      return detail;
    })
    .catch(() => null)
    .finally(() => inflight.delete(packetId));
  inflight.set(packetId, request);
  return request;
}

/** The packet behind a bubble: fetched once when first shown, refreshed by `redpacket:claimed`. */
export function useRedPacket(packetId: string | null): RedPacketDetail | undefined {
  const all = useStore(redPacketsStore);
  const known = packetId ? all[packetId] : undefined;
  useEffect(() => {
    if (packetId && !known) void reloadRedPacket(packetId);
  }, [packetId, known]);
  return known;
}

export type BubbleState = 'loading' | 'unopened' | 'opened' | 'finished' | 'expired';

/** How a bubble looks to me: faded once I opened it, or nothing is left for me to open. */
export function bubbleState(detail: RedPacketDetail | undefined): BubbleState {
  if (!detail) return 'loading';
  if (detail.mine !== null) return 'opened';
  if (detail.packet.status === 'expired') return 'expired';
  if (detail.packet.status === 'finished') return 'finished';
  return 'unopened';
}

const bound = new WeakSet<AppSocket>();

onSocketConnect((socket) => {
  if (!bound.has(socket)) {
    bound.add(socket);
    // Sent to the sender and the claimer only; the claim list needs names and the best mark, so fetch the detail.
    socket.on('redpacket:claimed', ({ packet }) => {
      if (redPacketsStore.get()[packet.id]) void reloadRedPacket(packet.id);
    });
  }
  for (const detail of Object.values(redPacketsStore.get())) {
    if (detail.packet.status === 'open') void reloadRedPacket(detail.packet.id);
  }
});
