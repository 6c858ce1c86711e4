/**
 * `@app/shared/openapi`: what a mini-program's backend needs and nothing else — the Open API's request and response
 * schemas (token, code2session, orders, refunds, debits, subscribe messages), the webhook event and its signature
 * header, and the platform's error codes as a type. Third-party code imports this, never the whole `@app/shared`.
 */
export * from './openapi.schemas';
export * from '../payments/payments.openapi';
export * from '../payments/payments.webhooks';
export { AppIdSchema } from '../miniapps/app-id';
export type { ErrorCode } from '../errors';
