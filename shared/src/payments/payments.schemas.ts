/**
 * Payments between people and mini-programs (DESIGN §6), split by audience: the Open API and webhooks (what a
 * mini-program's backend sees, also exported as `@app/shared/openapi`), the host's cashier, the developer portal,
 * and the chat bodies that come from mini-programs.
 */
export * from './payments.openapi';
export * from './payments.webhooks';
export * from './payments.cashier';
export * from './payments.portal';
export * from './payments.cards';
