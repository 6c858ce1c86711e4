import { BridgeError, DEVICE_LIMITS, tokenBucket, type BridgeHandlers } from '@app/shared/bridge';
import type { DeviceKeys } from './device-keys';

type DeviceHandlers = Pick<BridgeHandlers, 'device.getPublicKey' | 'device.sign'>;
type Bucket = ReturnType<typeof tokenBucket>;

/** Per app for the life of the page: closing and reopening a mini-program does not refill its bucket. */
const signBuckets = new Map<string, Bucket>();

export interface DeviceDeps {
  keys: () => DeviceKeys;
  /** The signed-in person (keys are per person and app), or null. */
  userId: () => string | null;
  buckets?: Map<string, Bucket>;
  now?: () => number;
}

/**
 * Bridge `device.*`: the person's key for `ctx.appId` on this device (device-keys.ts). `device.sign` takes a token
 * from the app's bucket first (DEVICE_LIMITS: a burst of 10, then 60 a minute), so a looping app cannot keep the
 * host signing: past it, `rate_limited` until the bucket refills.
 */
export function deviceHandlers({ keys, userId, buckets = signBuckets, now }: DeviceDeps): DeviceHandlers {
  const person = () => {
    const id = userId();
    if (!id) throw new BridgeError('unauthenticated', 'Nobody is signed in to the messenger');
    return id;
  };
  const bucketOf = (appId: string) => {
    let bucket = buckets.get(appId);
    if (!bucket) {
      bucket = tokenBucket({ burst: DEVICE_LIMITS.signBurst, perMinute: DEVICE_LIMITS.signsPerMinute, now });
      buckets.set(appId, bucket);
    }
    return bucket;
  };
  return {
    'device.getPublicKey': async (_params, ctx) => keys().publicKey(person(), ctx.appId),
    'device.sign': async ({ data }, ctx) => {
      const id = person();
      if (!bucketOf(ctx.appId).take()) {
        throw new BridgeError(
          'rate_limited',
          `At most ${DEVICE_LIMITS.signsPerMinute} signatures a minute (bursts of ${DEVICE_LIMITS.signBurst}); try again shortly`,
        );
      }
      return keys().sign(id, ctx.appId, data);
    },
  };
}
