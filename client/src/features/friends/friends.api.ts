import {
  AcceptFriendRequestResultSchema,
  BlockListSchema,
  FriendListSchema,
  FriendRequestListSchema,
  FriendRequestSchema,
  InviteSchema,
  SuggestionListSchema,
  UserSearchResultSchema,
  type Friend,
  type FriendRequest,
  type FriendRequestList,
  type Invite,
  type PublicUser,
  type SendFriendRequest,
  type SuggestionList,
} from '@app/shared';
import { z } from 'zod';
import { api } from '../../lib/api-client';

const RequestEnvelopeSchema = z.object({ request: FriendRequestSchema });

export async function searchUsers(q: string): Promise<PublicUser[]> {
  return (await api(`/api/users/search?q=${encodeURIComponent(q)}`, UserSearchResultSchema)).users;
}

/** Resolves with the request; its status is `accepted` when the other person had already asked us. */
export async function sendFriendRequest(body: SendFriendRequest): Promise<FriendRequest> {
  return (await api('/api/friends/requests', RequestEnvelopeSchema, { method: 'POST', body })).request;
}

export function fetchFriendRequests(): Promise<FriendRequestList> {
  return api('/api/friends/requests', FriendRequestListSchema);
}

export async function acceptFriendRequest(id: string): Promise<Friend> {
  return (await api(`/api/friends/requests/${id}/accept`, AcceptFriendRequestResultSchema, { method: 'POST' })).friend;
}

export async function declineFriendRequest(id: string): Promise<FriendRequest> {
  return (await api(`/api/friends/requests/${id}/decline`, RequestEnvelopeSchema, { method: 'POST' })).request;
}

export async function fetchFriends(): Promise<Friend[]> {
  return (await api('/api/friends', FriendListSchema)).friends;
}

export function removeFriend(userId: string): Promise<void> {
  return api(`/api/friends/${userId}`, null, { method: 'DELETE' });
}

export async function fetchBlocked(): Promise<PublicUser[]> {
  return (await api('/api/blocks', BlockListSchema)).blocked;
}

export function blockUser(userId: string): Promise<void> {
  return api(`/api/blocks/${userId}`, null, { method: 'POST' });
}

export function unblockUser(userId: string): Promise<void> {
  return api(`/api/blocks/${userId}`, null, { method: 'DELETE' });
}

export async function fetchSuggestions(): Promise<SuggestionList['suggestions']> {
  return (await api('/api/friends/suggestions', SuggestionListSchema)).suggestions;
}

export function fetchInvite(): Promise<Invite> {
  return api('/api/invites/me', InviteSchema);
}
