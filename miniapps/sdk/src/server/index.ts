/**
 * `@app/miniapp-sdk/server`: the kit for a mini-program's backend (Node only) — the Open API client, app sessions
 * from login codes, the webhook receiver, the backend environment and a few express helpers. It imports only
 * `@app/shared/openapi` of the platform's code. The app's own database is `@app/miniapp-sdk/db`.
 *
 * @example
 * import { OpenApiClient, createAppSessions, parseBackendEnv, webhookReceiver } from '@app/miniapp-sdk/server';
 */
export { OpenApiClient, OpenApiError, type OpenApiClientOptions } from './openapi-client';
export {
  createAppSessions,
  hashSessionToken,
  DEFAULT_SESSION_TTL_SECONDS,
  type AppSession,
  type AppSessions,
  type AppSessionsOptions,
  type SessionStore,
  type StoredSession,
} from './sessions';
export { webhookReceiver, type WebhookEventStore, type WebhookReceiverOptions } from './webhooks';
export { parseBackendEnv, BackendEnvError, BackendEnvSchema, APP_NAME_PATTERN, type BackendEnv } from './env';
export {
  allowOrigin,
  HttpError,
  jsonErrors,
  listen,
  openIdOf,
  parseInput,
  requireSession,
  type Listening,
} from './http';
export { verifyWebhook, signWebhook, WebhookVerificationError } from '../webhook';
export type { WebhookEvent, WebhookEventType } from '@app/shared/openapi';
