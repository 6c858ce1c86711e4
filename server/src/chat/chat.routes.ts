import {
  AddMembersSchema,
  CreateGroupSchema,
  HistoryQuerySchema,
  IdParamSchema,
  MemberParamsSchema,
  UpdateConversationSchema,
  type ConversationList,
} from '@app/shared';
import { Router } from 'express';
import { authOf } from '../auth/auth.middleware';
import { input, validate } from '../platform/http/validate';
import type { ConversationService } from './chat.conversations';
import type { ChatService } from './chat.service';

/** `/api/conversations`; mount behind requireAuth. */
export function chatRouter(chat: ChatService, conversations: ConversationService): Router {
  const router = Router();

  router.get('/conversations', async (_req, res) => {
    res.json({ conversations: await conversations.list(authOf(res).userId) } satisfies ConversationList);
  });
  router.post('/conversations', validate(CreateGroupSchema), async (_req, res) => {
    res.status(201).json(await conversations.createGroup(authOf(res).userId, input(res, CreateGroupSchema)));
  });
  router.get('/conversations/:id', validate(IdParamSchema, 'params'), async (_req, res) => {
    res.json(await conversations.detail(authOf(res).userId, input(res, IdParamSchema, 'params').id));
  });
  router.patch(
    '/conversations/:id',
    validate(IdParamSchema, 'params'),
    validate(UpdateConversationSchema),
    async (_req, res) => {
      const { id } = input(res, IdParamSchema, 'params');
      res.json(await conversations.update(authOf(res).userId, id, input(res, UpdateConversationSchema)));
    },
  );
  router.get(
    '/conversations/:id/messages',
    validate(IdParamSchema, 'params'),
    validate(HistoryQuerySchema, 'query'),
    async (_req, res) => {
      const { id } = input(res, IdParamSchema, 'params');
      res.json(await chat.history(authOf(res).userId, id, input(res, HistoryQuerySchema, 'query')));
    },
  );
  router.post(
    '/conversations/:id/members',
    validate(IdParamSchema, 'params'),
    validate(AddMembersSchema),
    async (_req, res) => {
      const { id } = input(res, IdParamSchema, 'params');
      res.json(await conversations.addMembers(authOf(res).userId, id, input(res, AddMembersSchema)));
    },
  );
  router.delete('/conversations/:id/members/:userId', validate(MemberParamsSchema, 'params'), async (_req, res) => {
    const { id, userId } = input(res, MemberParamsSchema, 'params');
    await conversations.removeMember(authOf(res).userId, id, userId);
    res.status(204).end();
  });

  return router;
}
