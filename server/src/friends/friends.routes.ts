import {
  IdParamSchema,
  SendFriendRequestSchema,
  UserIdParamSchema,
  type AcceptFriendRequestResult,
  type BlockList,
  type FriendList,
  type Invite,
} from '@app/shared';
import { Router } from 'express';
import { authOf } from '../auth/auth.middleware';
import { AppError } from '../platform/errors';
import { input, validate } from '../platform/http/validate';
import type { Db } from '../schema';
import { findUserById } from '../users/users.repo';
import type { FriendsService } from './friends.service';

/** `/api/friends`, `/api/blocks`, `/api/invites`; mount behind requireAuth. */
export function friendsRouter(service: FriendsService, db: Db, publicUrl: string | undefined): Router {
  const router = Router();

  router.post('/friends/requests', validate(SendFriendRequestSchema), async (_req, res) => {
    const request = await service.request(authOf(res).userId, input(res, SendFriendRequestSchema));
    res.status(request.status === 'pending' ? 201 : 200).json({ request });
  });
  router.get('/friends/requests', async (_req, res) => {
    res.json(await service.list(authOf(res).userId));
  });
  router.post('/friends/requests/:id/accept', validate(IdParamSchema, 'params'), async (_req, res) => {
    const friend = await service.accept(authOf(res).userId, input(res, IdParamSchema, 'params').id);
    res.json({ friend } satisfies AcceptFriendRequestResult);
  });
  router.post('/friends/requests/:id/decline', validate(IdParamSchema, 'params'), async (_req, res) => {
    res.json({ request: await service.decline(authOf(res).userId, input(res, IdParamSchema, 'params').id) });
  });
  router.get('/friends/suggestions', async (_req, res) => {
    res.json(await service.suggestions(authOf(res).userId));
  });
  router.get('/friends', async (_req, res) => {
    res.json({ friends: await service.friends(authOf(res).userId) } satisfies FriendList);
  });
  router.delete('/friends/:userId', validate(UserIdParamSchema, 'params'), async (_req, res) => {
    await service.remove(authOf(res).userId, input(res, UserIdParamSchema, 'params').userId);
    res.status(204).end();
  });

  router.get('/blocks', async (_req, res) => {
    res.json({ blocked: await service.blocked(authOf(res).userId) } satisfies BlockList);
  });
  router.post('/blocks/:userId', validate(UserIdParamSchema, 'params'), async (_req, res) => {
    await service.block(authOf(res).userId, input(res, UserIdParamSchema, 'params').userId);
    res.status(204).end();
  });
  router.delete('/blocks/:userId', validate(UserIdParamSchema, 'params'), async (_req, res) => {
    await service.unblock(authOf(res).userId, input(res, UserIdParamSchema, 'params').userId);
    res.status(204).end();
  });

  router.get('/invites/me', async (req, res) => {
    const me = await findUserById(db, authOf(res).userId);
    if (!me) throw new AppError('not_found', 'Account not found');
    const base = publicUrl ?? `${req.protocol}://${req.get('host')}`;
    res.json({
      code: me.inviteCode,
      url: `${base}/register?invite=${encodeURIComponent(me.inviteCode)}`,
    } satisfies Invite);
  });

  return router;
}
