import { isErrorCode, type ErrorCode } from '../errors';
import { MAX_ERROR_MESSAGE_LENGTH, type ErrorPayload } from './protocol';

/**
 * The error both ends of the bridge throw: host handlers throw it to answer `{ok:false, error:{code, message}}`;
 * the SDK rejects `call()` with it.
 *
 * @example
 * throw new BridgeError('not_found', 'Order not found');
 */
export class BridgeError extends Error {
  override readonly name = 'BridgeError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }

  toJSON(): ErrorPayload {
    return { code: this.code, message: this.message };
  }
}

export function isBridgeError(value: unknown): value is BridgeError {
  return value instanceof BridgeError;
}

/**
 * What the host may send for a thrown value. Anything carrying a known `code` (BridgeError, the server's AppError,
 * a decoded REST error) is passed through; anything else becomes `internal` with a generic message so internals and
 * stacks never reach a third-party iframe. `expected` is false for the latter: the host should log it.
 */
export function toErrorPayload(error: unknown): { payload: { code: ErrorCode; message: string }; expected: boolean } {
  if (typeof error === 'object' && error !== null && 'code' in error && isErrorCode(error.code)) {
    const message = 'message' in error && typeof error.message === 'string' ? error.message : error.code;
    return { payload: { code: error.code, message: message.slice(0, MAX_ERROR_MESSAGE_LENGTH) }, expected: true };
  }
  return { payload: { code: 'internal', message: 'Internal error' }, expected: false };
}

/** The SDK side: a wire payload becomes a BridgeError; a code this SDK does not know becomes `internal`. */
export function fromErrorPayload(payload: ErrorPayload): BridgeError {
  return isErrorCode(payload.code)
    ? new BridgeError(payload.code, payload.message)
    : new BridgeError('internal', `${payload.code}: ${payload.message}`);
}
