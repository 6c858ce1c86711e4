import {
  ConversationDetailSchema,
  ConversationListSchema,
  FriendListSchema,
  MessagePageSchema,
  UploadSchema,
  type ConversationDetail,
  type CreateGroup,
  type Friend,
  type UpdateConversation,
  type Upload,
} from '@app/shared';
import { api } from '../../lib/api-client';
import { ApiError } from '../../lib/http';
import { accessTokenValidForMs, getAccessToken, refreshAccessToken } from '../../lib/tokens';

const id = encodeURIComponent;

export async function fetchConversations() {
  return (await api('/api/conversations', ConversationListSchema)).conversations;
}

export function fetchConversation(conversationId: string): Promise<ConversationDetail> {
  return api(`/api/conversations/${id(conversationId)}`, ConversationDetailSchema);
}

export function fetchHistory(conversationId: string, options: { beforeSeq?: number; limit: number }) {
  const query = new URLSearchParams({ limit: String(options.limit) });
  if (options.beforeSeq) query.set('beforeSeq', String(options.beforeSeq));
  return api(`/api/conversations/${id(conversationId)}/messages?${query.toString()}`, MessagePageSchema);
}

export async function fetchFriends(): Promise<Friend[]> {
  return (await api('/api/friends', FriendListSchema)).friends;
}

export function createGroup(body: CreateGroup): Promise<ConversationDetail> {
  return api('/api/conversations', ConversationDetailSchema, { method: 'POST', body });
}

export function updateConversation(conversationId: string, body: UpdateConversation): Promise<ConversationDetail> {
  return api(`/api/conversations/${id(conversationId)}`, ConversationDetailSchema, { method: 'PATCH', body });
}

export function addMembers(conversationId: string, userIds: string[]): Promise<unknown> {
  return api(`/api/conversations/${id(conversationId)}/members`, null, { method: 'POST', body: { userIds } });
}

export function removeMember(conversationId: string, userId: string): Promise<unknown> {
  return api(`/api/conversations/${id(conversationId)}/members/${id(userId)}`, null, { method: 'DELETE' });
}

/** Multipart upload (the JSON helper cannot send files); refreshes the access token first when it is about to expire. */
export async function uploadImage(file: File): Promise<Upload> {
  const token = accessTokenValidForMs() > 5_000 ? getAccessToken() : await refreshAccessToken();
  const form = new FormData();
  form.append('file', file);
  let response: Response;
  try {
    response = await fetch('/api/uploads', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token ?? ''}` },
      body: form,
    });
  } catch {
    throw new ApiError('network', 'Network request failed');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } };
    const code =
      response.status === 413 ? 'payload_too_large' : response.status === 415 ? 'unsupported_media' : 'internal';
    throw new ApiError(code, body?.error?.message ?? `HTTP ${response.status}`, response.status);
  }
  const parsed = UploadSchema.safeParse(await response.json());
  if (!parsed.success) throw new ApiError('internal', 'Unexpected upload response', response.status);
  return parsed.data;
}
