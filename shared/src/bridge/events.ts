import { z } from 'zod';
import { LocaleSchema } from '../users/users.schemas';
import { BridgeScopeSchema, ThemeSchema } from './protocol';

/** Host → mini-program events, delivered on the port as `{type:'event', name, data}`. */
export const BRIDGE_EVENTS = {
  /** The host-drawn main button (see `ui.setMainButton`) was tapped. */
  'mainButton.clicked': z.object({}),
  'theme.changed': z.object({ theme: ThemeSchema }),
  'locale.changed': z.object({ locale: LocaleSchema }),
  /** The mini-program went to the background (another chat opened) or came back. */
  'visibility.changed': z.object({ visible: z.boolean() }),
  /** The user changed a service-message subscription in the host's settings. */
  'subscription.changed': z.object({ templateId: z.string().min(1).max(64), status: z.enum(['accept', 'reject']) }),
  /** The user revoked a scope under "Me → Mini-program permissions"; the next call will ask again or fail. */
  'scope.revoked': z.object({ scope: BridgeScopeSchema }),
} as const satisfies Record<string, z.ZodType>;

type Events = typeof BRIDGE_EVENTS;
export type BridgeEvent = keyof Events;
export type EventDataOf<E extends BridgeEvent> = z.output<Events[E]>;

export const BRIDGE_EVENT_NAMES = Object.keys(BRIDGE_EVENTS) as BridgeEvent[];

export function isBridgeEvent(name: string): name is BridgeEvent {
  return Object.hasOwn(BRIDGE_EVENTS, name);
}
