import { z } from 'zod';
import { AppIdSchema } from '../miniapps/miniapps.schemas';
import { LocaleSchema } from '../users/users.schemas';
import { JsonValueSchema } from './json';

/**
 * The bridge envelope (DESIGN.md §6). Two phases:
 *  1. window.postMessage handshake: the iframe sends `hello` to the host origin from its launch URL; the host answers
 *     `ready` + a transferred MessagePort, posted to the app's exact origin.
 *  2. Everything else travels on that port: `request` → `response`, and host → app `event`s.
 * Both ends parse every inbound message with these schemas before looking at it.
 */
export const BRIDGE_NS = 'miniapp';
export const BRIDGE_PROTOCOL_VERSION = 1;
/** The launch-URL query parameter that carries the host origin to the iframe. */
export const HOST_ORIGIN_PARAM = '__host';

export const MAX_ID_LENGTH = 64;
export const MAX_NAME_LENGTH = 64;
export const MAX_ERROR_MESSAGE_LENGTH = 1024;

export const THEMES = ['light', 'dark'] as const;
export const ThemeSchema = z.enum(THEMES);
export type Theme = z.infer<typeof ThemeSchema>;

/** Scopes a method may require; the first use asks the user, grants live server-side per (user, app, scope). */
export const BRIDGE_SCOPES = ['profile', 'payment.debit', 'location', 'camera'] as const;
export const BridgeScopeSchema = z.enum(BRIDGE_SCOPES);
export type BridgeScope = z.infer<typeof BridgeScopeSchema>;

export const VersionStringSchema = z.string().min(1).max(32);
export const NameSchema = z.string().min(1).max(MAX_NAME_LENGTH);

export const LaunchQuerySchema = z
  .record(z.string().min(1).max(64), z.string().max(1024))
  .refine((q) => Object.keys(q).length <= 32, 'At most 32 launch query parameters');

export const LaunchContextSchema = z.object({
  appId: AppIdSchema,
  locale: LocaleSchema,
  theme: ThemeSchema,
  /** The launch URL's query (e.g. a table code), minus the bridge's own `__host`. */
  launchQuery: LaunchQuerySchema,
  /** The SDK version the iframe announced in its hello ("unknown" when it sent none). */
  sdkVersion: VersionStringSchema,
  hostVersion: VersionStringSchema,
  /** The methods this host implements with the bridge version that added each (`can()` in the SDK). */
  methods: z.record(NameSchema, VersionStringSchema).default({}),
  /** The app's launch config, set by its developer outside the package (e.g. `backendUrl`). Public. */
  config: z.record(z.string().max(64), z.string().max(1024)).default({}),
});
export type LaunchContext = z.infer<typeof LaunchContextSchema>;
/** What a host writes (methods and config default to empty). */
export type LaunchContextInput = z.input<typeof LaunchContextSchema>;

/** iframe → host, on window.postMessage, targetOrigin = the host origin from the launch URL. */
export const HelloSchema = z.object({
  ns: z.literal(BRIDGE_NS),
  v: z.literal(BRIDGE_PROTOCOL_VERSION),
  type: z.literal('hello'),
  /** Optional: lets the host log and echo the SDK version. */
  sdkVersion: VersionStringSchema.optional(),
});
export type Hello = z.infer<typeof HelloSchema>;

/** host → iframe, on window.postMessage with targetOrigin = the app origin and the MessagePort as `ports[0]`. */
export const ReadySchema = z.object({
  ns: z.literal(BRIDGE_NS),
  v: z.literal(BRIDGE_PROTOCOL_VERSION),
  type: z.literal('ready'),
  context: LaunchContextSchema,
});
export type Ready = z.infer<typeof ReadySchema>;

export const RequestIdSchema = z.string().min(1).max(MAX_ID_LENGTH);

/** app → host, on the port. `params` is plain JSON; the method table then checks its exact shape. */
export const RequestSchema = z.object({
  type: z.literal('request'),
  id: RequestIdSchema,
  method: NameSchema,
  params: JsonValueSchema,
});
export type BridgeRequest = z.infer<typeof RequestSchema>;

/** `code` is a string on the wire so an older SDK still understands a newer host; the SDK maps unknown codes. */
export const ErrorPayloadSchema = z.object({
  code: NameSchema,
  message: z.string().max(MAX_ERROR_MESSAGE_LENGTH),
});
export type ErrorPayload = z.infer<typeof ErrorPayloadSchema>;

export const SuccessResponseSchema = z.object({
  type: z.literal('response'),
  id: RequestIdSchema,
  ok: z.literal(true),
  result: JsonValueSchema,
});
export const FailureResponseSchema = z.object({
  type: z.literal('response'),
  id: RequestIdSchema,
  ok: z.literal(false),
  error: ErrorPayloadSchema,
});
export const ResponseSchema = z.discriminatedUnion('ok', [SuccessResponseSchema, FailureResponseSchema]);
export type BridgeResponse = z.infer<typeof ResponseSchema>;

/** host → app, on the port. */
export const EventSchema = z.object({ type: z.literal('event'), name: NameSchema, data: JsonValueSchema });
export type BridgeEventMessage = z.infer<typeof EventSchema>;

/** Everything the app may receive on the port. */
export const HostToAppSchema = z.union([ResponseSchema, EventSchema]);
export type HostToAppMessage = z.infer<typeof HostToAppSchema>;
