/**
 * Every failure of `connect()` and `call()` is a `BridgeError` with a code from the platform's one error table:
 * `bridge_timeout`, `unknown_method`, `scope_denied`, `validation_failed`, `cancelled`, `unavailable`, or whatever
 * code the host's handler chose (`not_found`, `forbidden`, …).
 *
 * @example
 * try {
 *   await bridge.call('location.get');
 * } catch (err) {
 *   if (isBridgeError(err) && err.code === 'scope_denied') showManualCityPicker();
 * }
 */
export { BridgeError, isBridgeError } from '@app/shared/bridge';
export type { ErrorCode } from '@app/shared/bridge';
