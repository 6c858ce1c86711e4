import type { Friend, FriendRequest, FriendRequestList, PresenceEvent } from '@app/shared';
import { useEffect } from 'react';
import { connectionState, getSocket, type AppSocket } from '../../lib/socket';
import { createStore, useStore } from '../../lib/store';
import { useMe } from '../auth/session.store';
import { fetchFriendRequests, fetchFriends } from './friends.api';

/** The signed-in user's friends (null until the first load), requests and which friends are online. */
export const friendsStore = createStore<Friend[] | null>(null);
export const requestsStore = createStore<FriendRequestList | null>(null);
export const onlineStore = createStore<ReadonlySet<string>>(new Set());

let owner: string | null = null;

export async function refreshFriends(): Promise<void> {
  const friends = await fetchFriends();
  friendsStore.set(friends);
  queryPresence(friends.map((f) => f.user.id));
}

export async function refreshRequests(): Promise<void> {
  requestsStore.set(await fetchFriendRequests());
}

/** Adds or replaces a friend (after accepting, or when the other side accepted). */
export function upsertFriend(friend: Friend): void {
  const rest = (friendsStore.get() ?? []).filter((f) => f.user.id !== friend.user.id);
  friendsStore.set([...rest, friend]);
}

export function dropFriend(userId: string): void {
  const list = friendsStore.get();
  if (list) friendsStore.set(list.filter((f) => f.user.id !== userId));
}

/** Puts a request (new or with a new status) at the top of the incoming or outgoing list. */
export function upsertRequest(request: FriendRequest, meId: string): void {
  const lists = requestsStore.get() ?? { incoming: [], outgoing: [] };
  const side = request.to.id === meId ? 'incoming' : 'outgoing';
  const others = lists[side].filter((r) => r.id !== request.id);
  requestsStore.set({ ...lists, [side]: [request, ...others] });
}

function queryPresence(userIds: string[]): void {
  const socket = getSocket();
  if (!socket?.connected || userIds.length === 0) return;
  socket.emit('presence:query', { userIds }, (result) => {
    if (result.ok) onlineStore.set(new Set(result.data.online));
  });
}

function setPresence({ userId, online }: PresenceEvent): void {
  const current = onlineStore.get();
  if (current.has(userId) === online) return;
  const next = new Set(current);
  if (online) next.add(userId);
  else next.delete(userId);
  onlineStore.set(next);
}

function refreshAll(): void {
  // Failures keep the last good lists; the next reconnect or screen visit tries again.
  void refreshFriends().catch(() => undefined);
  void refreshRequests().catch(() => undefined);
}

function attach(socket: AppSocket, meId: string): () => void {
  const onRequest = ({ request }: { request: FriendRequest }) => upsertRequest(request, meId);
  const onAccepted = ({ friend }: { friend: Friend }) => {
    upsertFriend(friend);
    queryPresence([friend.user.id]);
    void refreshRequests().catch(() => undefined);
  };
  const onRemoved = ({ userId }: { userId: string }) => {
    // The person removed sees their own id in the event: reload rather than guess who left.
    if (userId === meId) void refreshFriends().catch(() => undefined);
    else dropFriend(userId);
  };
  socket.on('connect', refreshAll);
  socket.on('friend:request', onRequest);
  socket.on('friend:accepted', onAccepted);
  socket.on('friend:removed', onRemoved);
  socket.on('presence', setPresence);
  if (socket.connected) refreshAll();
  return () => {
    socket.off('connect', refreshAll);
    socket.off('friend:request', onRequest);
    socket.off('friend:accepted', onAccepted);
    socket.off('friend:removed', onRemoved);
    socket.off('presence', setPresence);
  };
}

let holders = 0;
let detach: (() => void) | null = null;

function acquire(socket: AppSocket, meId: string): () => void {
  if (owner !== meId) {
    owner = meId;
    friendsStore.set(null);
    requestsStore.set(null);
    onlineStore.set(new Set());
  }
  holders += 1;
  if (holders === 1) detach = attach(socket, meId);
  return () => {
    holders -= 1;
    if (holders > 0) return;
    detach?.();
    detach = null;
  };
}

/**
 * Keeps the friend stores live (socket events, a reload on every reconnect) while a signed-in screen that needs
 * them is mounted; several screens may hold it at once.
 */
export function useFriendsSync(): void {
  const me = useMe();
  const state = useStore(connectionState);
  const socket = state === 'idle' ? null : getSocket();
  useEffect(() => (socket ? acquire(socket, me.id) : undefined), [socket, me.id]);
}

/** Incoming requests still waiting for an answer (the red badge on Contacts and New friends). */
export function usePendingRequestCount(): number {
  const lists = useStore(requestsStore);
  return lists?.incoming.filter((r) => r.status === 'pending').length ?? 0;
}
