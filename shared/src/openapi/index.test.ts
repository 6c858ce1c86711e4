import { describe, expect, it } from 'vitest';
import * as everything from '../index';
import * as openapi from './index';

describe('@app/shared/openapi', () => {
  it("exports what a mini-program's backend needs, as the very schemas the platform validates with", () => {
    const needed = [
      'AppTokenRequestSchema',
      'AppTokenSchema',
      'Code2SessionRequestSchema',
      'SessionSchema',
      'CreateOrderSchema',
      'CreatedOrderSchema',
      'OpenOrderSchema',
      'CreateRefundSchema',
      'RefundSchema',
      'CreateDebitSchema',
      'OpenAgreementSchema',
      'SubscribeMessageSchema',
      'SentMessageSchema',
      'WebhookEventSchema',
      'WEBHOOK_TOLERANCE_SECONDS',
      'SIGNATURE_HEADER',
      'EVENT_ID_HEADER',
      'AppIdSchema',
    ];
    for (const name of needed) {
      expect(openapi, name).toHaveProperty(name);
      expect((openapi as Record<string, unknown>)[name], name).toBe((everything as Record<string, unknown>)[name]);
    }
  });

  it("exports nothing of the host's cashier, the developer portal, consents or the bridge", () => {
    const names = Object.keys(openapi);
    for (const name of [
      'PayOrderSchema',
      'CashierOrderSchema',
      'SignAgreementSchema',
      'MerchantSchema',
      'WebhookDeliverySchema',
      'ConsentSchema',
      'LoginCodeSchema',
      'MiniAppCardBodySchema',
      'BRIDGE_METHODS',
      'RegisterSchema',
    ])
      expect(names).not.toContain(name);
    // Every export of the narrow module is also in the main barrel: the split moved code, it did not fork it.
    for (const name of names) expect(everything, name).toHaveProperty(name);
  });
});
