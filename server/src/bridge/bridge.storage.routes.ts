import { StorageAppParamsSchema, StorageKeyQuerySchema, StorageKeysQuerySchema, StorageSetSchema } from '@app/shared';
import { Router } from 'express';
import { authOf } from '../auth/auth.middleware';
import { input, validate } from '../platform/http/validate';
import type { BridgeStorage } from './bridge.storage';

/**
 * What the HOST page calls for bridge `storage.*`, with the person's own token (a mini-program never has it, so it
 * cannot call these itself): the app in the path is the one the host launched. And Me → Mini-program permissions:
 * what each app keeps, and "Clear data".
 */
export function bridgeStorageRouter(storage: BridgeStorage): Router {
  const router = Router();
  const app = validate(StorageAppParamsSchema, 'params');
  const appOf = (res: Parameters<typeof authOf>[0]) => input(res, StorageAppParamsSchema, 'params').appId;

  router.get('/bridge/storage/:appId/keys', app, validate(StorageKeysQuerySchema, 'query'), async (_req, res) => {
    const { after } = input(res, StorageKeysQuerySchema, 'query');
    res.json(await storage.keys(authOf(res).userId, appOf(res), after));
  });
  router.get('/bridge/storage/:appId', app, validate(StorageKeyQuerySchema, 'query'), async (_req, res) => {
    const { key } = input(res, StorageKeyQuerySchema, 'query');
    res.json({ value: await storage.get(authOf(res).userId, appOf(res), key) });
  });
  router.put('/bridge/storage/:appId', app, validate(StorageSetSchema), async (_req, res) => {
    const { key, value } = input(res, StorageSetSchema);
    await storage.set(authOf(res).userId, appOf(res), key, value);
    res.status(204).end();
  });
  router.delete('/bridge/storage/:appId', app, validate(StorageKeyQuerySchema, 'query'), async (_req, res) => {
    await storage.remove(authOf(res).userId, appOf(res), input(res, StorageKeyQuerySchema, 'query').key);
    res.status(204).end();
  });

  router.get('/me/miniapps/storage', async (_req, res) => {
    res.json({ apps: await storage.summary(authOf(res).userId) });
  });
  router.delete('/me/miniapps/:appId/storage', app, async (_req, res) => {
    await storage.clear(authOf(res).userId, appOf(res));
    res.status(204).end();
  });
  return router;
}
