import { UpdateMeSchema, UserSearchQuerySchema, type UserSearchResult } from '@app/shared';
import { Router } from 'express';
import { authOf } from '../auth/auth.middleware';
import { AppError } from '../platform/errors';
import { input, validate } from '../platform/http/validate';
import type { Db } from '../schema';
import { presentMe, presentPublicUser } from './users.presenter';
import { findUserById, searchUsers, updateUser } from './users.repo';

/** `/api/me` and `/api/users`; mount behind requireAuth. */
export function usersRouter(db: Db): Router {
  const router = Router();

  router.get('/me', async (_req, res) => {
    const user = await findUserById(db, authOf(res).userId);
    if (!user) throw new AppError('not_found', 'Account not found');
    res.json(presentMe(user));
  });

  router.patch('/me', validate(UpdateMeSchema), async (_req, res) => {
    const user = await updateUser(db, authOf(res).userId, input(res, UpdateMeSchema));
    if (!user) throw new AppError('not_found', 'Account not found');
    res.json(presentMe(user));
  });

  router.get('/users/search', validate(UserSearchQuerySchema, 'query'), async (_req, res) => {
    const rows = await searchUsers(db, input(res, UserSearchQuerySchema, 'query').q, authOf(res).userId);
    res.json({ users: rows.map(presentPublicUser) } satisfies UserSearchResult);
  });

  return router;
}
