import { BridgeError, type ResultOf } from '@app/shared/bridge';

const TIMEOUT_MS = 10_000;

/** The browser's geolocation, asked by the host (the consent dialog already ran); metres for accuracy. */
export function currentPosition(signal: AbortSignal): Promise<ResultOf<'location.get'>> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject(new BridgeError('unavailable', 'No location on this device'));
    const onAbort = () => reject(new BridgeError('cancelled', 'The mini-program was closed'));
    signal.addEventListener('abort', onAbort, { once: true });
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        signal.removeEventListener('abort', onAbort);
        resolve({ latitude: coords.latitude, longitude: coords.longitude, accuracy: Math.max(0, coords.accuracy) });
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(
          error.code === error.PERMISSION_DENIED
            ? new BridgeError('scope_denied', 'The browser did not allow location')
            : new BridgeError('unavailable', 'Location is not available'),
        );
      },
      { timeout: TIMEOUT_MS, maximumAge: 60_000 },
    );
  });
}
