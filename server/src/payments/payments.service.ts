import type { BridgeService } from '../bridge/bridge.service';
import type { ChatService } from '../chat/chat.service';
import type { MiniAppsService } from '../miniapps/miniapps.service';
import type { Logger } from '../platform/logger';
import type { Db } from '../schema';
import type { PaymentPins } from '../wallet/wallet.pin';
import { Debits } from './payments.debits';
import { merchantStatement } from './payments.merchant';
import { Orders } from './payments.orders';
import { Webhooks, type WebhookOptions } from './payments.webhooks';

export interface PaymentsDeps {
  db: Db;
  chat: ChatService;
  pins: PaymentPins;
  bridge: BridgeService;
  miniApps: MiniAppsService;
  logger: Logger;
  webhooks?: Partial<WebhookOptions>;
}

/** Payments between people and mini-programs: orders, refunds, debit agreements, webhooks, merchant accounts. */
export class PaymentsService {
  readonly webhooks: Webhooks;
  readonly orders: Orders;
  readonly debits: Debits;

  constructor(private readonly deps: PaymentsDeps) {
    this.webhooks = new Webhooks(deps.db, deps.miniApps, deps.logger, deps.webhooks);
    this.orders = new Orders({ ...deps, webhooks: this.webhooks });
    this.debits = new Debits({ ...deps, webhooks: this.webhooks });
  }

  /** One webhook delivery run (the job calls it every few seconds; tests call it directly, with a clock). */
  deliverDue(now?: Date) {
    return this.webhooks.deliverDue(now);
  }

  /** Owner only: the merchant account and journal. */
  async merchant(ownerId: string, appId: string, cursor: string | undefined, limit: number) {
    await this.deps.miniApps.owned(ownerId, appId);
    return merchantStatement(this.deps.db, appId, cursor, limit);
  }

  /** Owner only: recent webhook events and their delivery state. */
  async deliveries(ownerId: string, appId: string) {
    await this.deps.miniApps.owned(ownerId, appId);
    return this.webhooks.recent(appId);
  }
}
