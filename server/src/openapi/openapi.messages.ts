import { SubscribeMessageSchema, type ServiceBody, type SubscribeMessage } from '@app/shared';
import { eq } from 'drizzle-orm';
import { Router } from 'express';
import { templateNotDeclared, type BridgeService } from '../bridge/bridge.service';
import { undeclaredTemplates } from '../miniapps/miniapps.templates';
import type { ConversationService } from '../chat/chat.conversations';
import type { ChatService } from '../chat/chat.service';
import { miniapps } from '../miniapps/miniapps.tables';
import { userOfOpenId } from '../payments/payments.ids';
import { AppError } from '../platform/errors';
import { input, validate } from '../platform/http/validate';
import type { Db } from '../schema';
import { appOf } from './openapi.routes';

export interface ServiceMessagesDeps {
  db: Db;
  bridge: BridgeService;
  chat: ChatService;
  conversations: ConversationService;
}

/**
 * Subscribe messages (DESIGN §6): one accepted subscription = one service message into the person's "Service
 * notifications" conversation. Spending the subscription and storing the message share one transaction, so a failed
 * store gives the subscription back and concurrent sends never spend one twice.
 */
export class ServiceMessages {
  constructor(private readonly deps: ServiceMessagesDeps) {}

  async send(appId: string, input: SubscribeMessage): Promise<{ messageId: string }> {
    const { db, bridge, chat, conversations } = this.deps;
    if ((await undeclaredTemplates(db, appId, [input.templateId])).length)
      throw templateNotDeclared([input.templateId]);
    const userId = await userOfOpenId(db, appId, input.openId);
    const [app] = await db.select({ name: miniapps.name }).from(miniapps).where(eq(miniapps.appId, appId));
    const message = await db.transaction(async (tx) => {
      if (!(await bridge.spendSubscription(tx, userId, appId, input.templateId))) {
        throw new AppError(
          'subscription_required',
          'The person has no unused subscription to this template; ask with subscribe.request',
        );
      }
      const conversation = await conversations.getOrCreateService(tx, userId);
      const body: ServiceBody = {
        appId,
        appName: app?.name ?? '',
        templateId: input.templateId,
        data: input.data,
        page: input.page ?? null,
      };
      return chat.post(tx, { conversationId: conversation.id, senderId: null, kind: 'service', body });
    });
    chat.emitTo([userId], 'message:new', { message });
    return { messageId: message.id };
  }
}

/** `POST /openapi/v1/messages/subscribe` (app token). */
export function messagesOpenApiRouter(messages: ServiceMessages): Router {
  const router = Router();
  router.post('/messages/subscribe', validate(SubscribeMessageSchema), async (_req, res) => {
    res.status(201).json(await messages.send(appOf(res), input(res, SubscribeMessageSchema)));
  });
  return router;
}
