import { z } from 'zod';
/**
 * The one error-code table of the platform. Every REST error, socket ack error and bridge error uses one of these
 * codes; the HTTP status is looked up here so a new code without a status fails to compile.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  idempotency_key_missing: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  token_expired: 401,
  token_invalid: 401,
  token_reused: 401,
  code_invalid: 401,
  app_credentials_invalid: 401,
  forbidden: 403,
  /** The session cookie came without the X-Session header or from another origin (a possible cross-site request). */
  csrf_rejected: 403,
  not_member: 403,
  not_friends: 403,
  blocked: 403,
  recall_window_passed: 403,
  pin_required: 403,
  pin_wrong: 403,
  pin_locked: 423,
  insufficient_funds: 409,
  redpacket_empty: 409,
  redpacket_already_claimed: 409,
  redpacket_expired: 410,
  transfer_settled: 409,
  idempotency_key_reused: 409,
  not_found: 404,
  username_taken: 409,
  already_friends: 409,
  group_full: 409,
  unsupported_media: 415,
  invalid_package: 422,
  version_exists: 409,
  wrong_state: 409,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  /** Bridge: the mini-program called a method the host does not have. */
  unknown_method: 404,
  /** Bridge: the user denied (or revoked) the scope the method needs. */
  scope_denied: 403,
  /** Bridge: no answer within the SDK's timeout (handshake or call). */
  bridge_timeout: 504,
  /** Bridge: the call was aborted by the caller or the bridge closed first (499: client closed request). */
  cancelled: 499,
  /** Payments: the order was paid, closed or has expired, so it cannot be paid now. */
  order_not_payable: 409,
  /** Payments: refunds of an order may not add up to more than was paid. */
  refund_exceeds_paid: 409,
  /** Payments: the charge would take the debit agreement past its monthly limit. */
  debit_limit_exceeded: 409,
  /** Open API: the person has no unused accepted subscription for this template. */
  subscription_required: 403,
  /** Bridge storage: the app already keeps the most keys allowed for this person (1,024); remove some first. */
  storage_quota_exceeded: 409,
  /** Bridge / Open API: the template id is not in any submitted version's `miniapp.json` subscribeTemplates. */
  template_not_declared: 422,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level problems for `validation_failed`: path → message. */
  fields?: Record<string, string>;
  /** Machine-readable facts for some codes (`pin_wrong`: triesLeft; `pin_locked`: lockedUntil). */
  details?: ErrorDetails;
}

export interface ErrorDetails {
  triesLeft?: number;
  /** ISO time. */
  lockedUntil?: string;
}

/** The one result shape for socket acks and bridge responses. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

/** What every failed REST call returns. */
export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    details: z.object({ triesLeft: z.number().int().optional(), lockedUntil: z.string().optional() }).optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;
