import { BridgeError, type BridgeHandlers } from '@app/shared/bridge';
import { ApiError } from '../../../lib/http';
import { storageGet, storageKeys, storageRemove, storageSet } from '../storage.api';

type StorageHandlers = Pick<BridgeHandlers, 'storage.get' | 'storage.set' | 'storage.remove' | 'storage.keys'>;

/** A request that never got an answer is `unavailable` to the app (retry later), not an opaque `internal`. */
async function reachable<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (err) {
    if (err instanceof ApiError && err.code === 'network')
      throw new BridgeError('unavailable', 'The messenger cannot reach its server; try again later');
    throw err;
  }
}

/**
 * Bridge `storage.*`: the host asks the platform with the person's own token. The iframe names only keys; which
 * app's data it is comes from `ctx.appId`, the app this bridge was launched for, never from params.
 */
export function storageHandlers(): StorageHandlers {
  return {
    'storage.get': async ({ key }, ctx) => ({ value: await reachable(storageGet(ctx.appId, key)) }),
    'storage.set': async ({ key, value }, ctx) => {
      await reachable(storageSet(ctx.appId, key, value));
      return {};
    },
    'storage.remove': async ({ key }, ctx) => {
      await reachable(storageRemove(ctx.appId, key));
      return {};
    },
    'storage.keys': ({ after }, ctx) => reachable(storageKeys(ctx.appId, after)),
  };
}
