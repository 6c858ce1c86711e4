import type { ClientToServerEvents, Result } from '@app/shared';
import { ApiError } from '../../lib/http';
import type { AppSocket } from '../../lib/socket';

const ACK_TIMEOUT_MS = 10_000;

type Event = keyof ClientToServerEvents;
type Payload<E extends Event> = Parameters<ClientToServerEvents[E]>[0];
type AckData<E extends Event> = Parameters<ClientToServerEvents[E]>[1] extends
  ((result: Result<infer T>) => void) | undefined
  ? T
  : never;

/** A socket request: resolves with the ack's data, rejects with an ApiError (`unavailable` on timeout). */
export function request<E extends Event>(socket: AppSocket, event: E, payload: Payload<E>): Promise<AckData<E>> {
  return new Promise((resolve, reject) => {
    const timed = socket.timeout(ACK_TIMEOUT_MS);
    // socket.io's typed emit cannot follow a generic event name; the shape is the same for every event here.
    const emit = timed.emit as unknown as (
      event: E,
      payload: Payload<E>,
      ack: (err: Error | null, result: Result<AckData<E>>) => void,
    ) => void;
    emit.call(timed, event, payload, (err, result) => {
      if (err) reject(new ApiError('unavailable', 'No answer from the server'));
      else if (result.ok) resolve(result.data);
      else reject(new ApiError(result.error.code, result.error.message));
    });
  });
}
