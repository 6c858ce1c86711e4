import { z } from 'zod';
import { AppIdSchema, AppPagePathSchema } from '../miniapps/miniapps.schemas';
import { LocaleSchema } from '../users/users.schemas';
import {
  DEVICE_KEY_ALGORITHM,
  DeviceKeyIdSchema,
  DevicePublicKeySchema,
  DeviceSignatureSchema,
  DeviceSignDataSchema,
} from './device';
import { ThemeSchema, VersionStringSchema, type BridgeScope } from './protocol';
import { StorageKeySchema, StorageKeysPageSchema, StorageValueSchema } from './storage';

/**
 * THE bridge method table (DESIGN.md §6): for each v1 method its params schema, result schema, required scope and
 * whether it waits on a user dialog. Host and SDK both validate against it; docs/miniapps/bridge.md mirrors it.
 * Params are strict objects (an unknown key is a typo or a newer SDK: reject it loudly); results strip unknown keys
 * so an older SDK tolerates a newer host.
 */
export interface MethodSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  params: P;
  result: R;
  /** Scope the user must grant first (`null`: none). A denied scope fails at once with `scope_denied`. */
  scope: BridgeScope | null;
  /** Waits on a host dialog (cashier, picker, consent): the SDK applies no default timeout. */
  dialog: boolean;
  /** The bridge version that added the method; the launch context lists each with it (`can()` in the SDK). */
  since: BridgeVersion;
}

/** Bridge API versions: 1.0 is DESIGN §6's v1 table, 1.1 adds storage, scan and device keys. */
export type BridgeVersion = '1.0' | '1.1';

const method = <P extends z.ZodType, R extends z.ZodType>(spec: MethodSpec<P, R>): MethodSpec<P, R> => spec;

const NoParams = z.strictObject({});
const Done = z.object({});
const HttpUrlSchema = z.url({ protocol: /^https?$/ }).max(2048);
/** A page inside the mini-program: absolute path, optional query; never a URL or protocol-relative `//`. */
const AppPathSchema = z
  .string()
  .max(512)
  .regex(/^\/(?!\/)[^\s\\]*$/, 'Expected a path starting with "/"');
const TemplateIdSchema = z.string().min(1).max(64);
/** The longest text `scan.code` hands over (a QR code holds at most 4,296 characters; real ones are far shorter). */
export const SCAN_TEXT_MAX = 4096;

export const BRIDGE_METHODS = {
  /** A one-time code (5 min, bound to app + user) the app's backend trades for an openId via code2session. */
  'auth.login': method({
    params: NoParams,
    result: z.object({ code: z.string().min(1).max(256) }),
    scope: null,
    dialog: false,
    since: '1.0',
  }),
  /** Nickname and avatar only: never a user id. Consent dialog on first use. */
  'user.getProfile': method({
    params: NoParams,
    result: z.object({ nickname: z.string().max(64), avatarUrl: HttpUrlSchema.nullable() }),
    scope: 'profile',
    dialog: true,
    since: '1.0',
  }),
  /** Opens the host cashier for an order the app's backend created via the Open API; the amount lives there. */
  'payment.request': method({
    params: z.strictObject({ orderId: z.string().min(1).max(64) }),
    result: z.object({ status: z.enum(['paid', 'cancelled']) }),
    scope: null,
    dialog: true,
    since: '1.0',
  }),
  /** Sign a "ride now, pay later" debit agreement with a monthly limit. */
  'payment.signDebitAgreement': method({
    params: z.strictObject({
      monthlyLimitFen: z.int().positive().max(1_000_000),
      description: z.string().min(1).max(128),
    }),
    result: z.discriminatedUnion('status', [
      z.object({ status: z.literal('signed'), agreementId: z.string().min(1).max(64) }),
      z.object({ status: z.literal('cancelled') }),
    ]),
    scope: 'payment.debit',
    dialog: true,
    since: '1.0',
  }),
  /** Host conversation picker → a mini-program card in the chosen chat. */
  'share.toChat': method({
    params: z.strictObject({
      title: z.string().min(1).max(64),
      path: AppPathSchema,
      imageUrl: HttpUrlSchema.optional(),
    }),
    result: z.object({ status: z.enum(['shared', 'cancelled']) }),
    scope: null,
    dialog: true,
    since: '1.0',
  }),
  /** One accept = one service message the app may send later via the Open API. */
  'subscribe.request': method({
    params: z.strictObject({
      templateIds: z
        .array(TemplateIdSchema)
        .min(1)
        .max(3)
        .refine((ids) => new Set(ids).size === ids.length, 'Template ids must be unique'),
    }),
    result: z.object({ results: z.record(TemplateIdSchema, z.enum(['accept', 'reject'])) }),
    scope: null,
    dialog: true,
    since: '1.0',
  }),
  /** Host confirm dialog, then opens another mini-program. */
  'navigate.toMiniProgram': method({
    params: z.strictObject({ appId: AppIdSchema, path: AppPathSchema.optional() }),
    result: z.object({ status: z.enum(['opened', 'cancelled']) }),
    scope: null,
    dialog: true,
    since: '1.0',
  }),
  'ui.setTitle': method({
    params: z.strictObject({ title: z.string().max(64) }),
    result: Done,
    scope: null,
    dialog: false,
    since: '1.0',
  }),
  /** The host-drawn bottom button; clicks arrive as the `mainButton.clicked` event. */
  'ui.setMainButton': method({
    params: z.strictObject({ text: z.string().max(32), visible: z.boolean(), enabled: z.boolean().optional() }),
    result: Done,
    scope: null,
    dialog: false,
    since: '1.0',
  }),
  /** The host answers first, then closes the mini-program. */
  'ui.close': method({ params: NoParams, result: Done, scope: null, dialog: false, since: '1.0' }),
  'ui.toast': method({
    params: z.strictObject({ text: z.string().min(1).max(200), kind: z.enum(['info', 'success', 'error']).optional() }),
    result: Done,
    scope: null,
    dialog: false,
    since: '1.0',
  }),
  'system.getInfo': method({
    params: NoParams,
    result: z.object({
      platform: z.enum(['web', 'ios', 'android', 'desktop']),
      locale: LocaleSchema,
      theme: ThemeSchema,
      sdkVersion: VersionStringSchema,
      screen: z.object({ width: z.int().nonnegative(), height: z.int().nonnegative() }),
    }),
    scope: null,
    dialog: false,
    since: '1.0',
  }),
  /** Consent dialog on first use, then the browser's own geolocation prompt. Metres for accuracy. */
  'location.get': method({
    params: NoParams,
    result: z.object({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      accuracy: z.number().nonnegative(),
    }),
    scope: 'location',
    dialog: true,
    since: '1.0',
  }),
  /** The value this app stored for this person under `key` (storage.ts: limits), or `null`. */
  'storage.get': method({
    params: z.strictObject({ key: StorageKeySchema }),
    result: z.object({ value: StorageValueSchema.nullable() }),
    scope: null,
    dialog: false,
    since: '1.1',
  }),
  /** Stores or replaces a value; a new key past the 1,024th fails with `storage_quota_exceeded`. */
  'storage.set': method({
    params: z.strictObject({ key: StorageKeySchema, value: StorageValueSchema }),
    result: Done,
    scope: null,
    dialog: false,
    since: '1.1',
  }),
  /** Removes a key (removing a missing key is not an error). */
  'storage.remove': method({
    params: z.strictObject({ key: StorageKeySchema }),
    result: Done,
    scope: null,
    dialog: false,
    since: '1.1',
  }),
  /** One page (≤ 256) of this app's keys in code-point order; pass `next` back as `after` for the rest. */
  'storage.keys': method({
    params: z.strictObject({ after: StorageKeySchema.optional() }),
    result: StorageKeysPageSchema,
    scope: null,
    dialog: false,
    since: '1.1',
  }),
  /** This device's public key for this app and person (device.ts: encodings); made on first use. */
  'device.getPublicKey': method({
    params: NoParams,
    result: z.object({
      publicKey: DevicePublicKeySchema,
      keyId: DeviceKeyIdSchema,
      algorithm: z.literal(DEVICE_KEY_ALGORITHM),
    }),
    scope: null,
    dialog: false,
    since: '1.1',
  }),
  /** Signs `data` with that key (ES256, r ‖ s); rate-limited per app in the host (`rate_limited`). */
  'device.sign': method({
    params: z.strictObject({ data: DeviceSignDataSchema }),
    result: z.object({ signature: DeviceSignatureSchema, keyId: DeviceKeyIdSchema }),
    scope: null,
    dialog: false,
    since: '1.1',
  }),
  /**
   * The host opens its own scanner sheet (camera in the host page, or a picture the user chooses) and returns only
   * the decoded text of one QR code; the iframe never gets the camera. `hint` is shown in the sheet under the app's
   * name ("Scan the code on the bike").
   */
  'scan.code': method({
    params: z.strictObject({ hint: z.string().min(1).max(64).optional() }),
    result: z.discriminatedUnion('status', [
      z.object({ status: z.literal('scanned'), text: z.string().min(1).max(SCAN_TEXT_MAX) }),
      z.object({ status: z.literal('cancelled') }),
    ]),
    scope: 'camera',
    dialog: true,
    since: '1.1',
  }),
  /**
   * The page the person is on (`/route?query`, no fragment), reported by the SDK on connect and after every
   * `hashchange` / `popstate`: the host cannot read a cross-origin iframe's URL, and its ··· → Share sends this page.
   */
  'page.report': method({
    params: z.strictObject({ path: AppPagePathSchema }),
    result: Done,
    scope: null,
    dialog: false,
    since: '1.1',
  }),
} as const satisfies Record<string, MethodSpec>;

type Methods = typeof BRIDGE_METHODS;
export type BridgeMethod = keyof Methods;
/** Params as the host handler receives them (parsed). */
export type ParamsOf<M extends BridgeMethod> = z.output<Methods[M]['params']>;
/** Params as the SDK caller writes them. */
export type ParamsInputOf<M extends BridgeMethod> = z.input<Methods[M]['params']>;
export type ResultOf<M extends BridgeMethod> = z.output<Methods[M]['result']>;

export const BRIDGE_METHOD_NAMES = Object.keys(BRIDGE_METHODS) as BridgeMethod[];

/** What a host implements, method → version: the launch context carries it and the SDK's `can()` reads it. */
export function methodVersions(): Record<BridgeMethod, BridgeVersion> {
  return Object.fromEntries(BRIDGE_METHOD_NAMES.map((m) => [m, BRIDGE_METHODS[m].since])) as Record<
    BridgeMethod,
    BridgeVersion
  >;
}

/** Own keys only: `toString` or `__proto__` are not methods. */
export function isBridgeMethod(name: string): name is BridgeMethod {
  return Object.hasOwn(BRIDGE_METHODS, name);
}

/** What a host handler learns about the call besides its params. */
export interface HandlerContext {
  appId: string;
  method: BridgeMethod;
  requestId: string;
  /** Aborted when the bridge is disposed (close any dialog the call opened). */
  signal: AbortSignal;
}

export type BridgeHandler<M extends BridgeMethod> = (params: ParamsOf<M>, ctx: HandlerContext) => Promise<ResultOf<M>>;

/** One handler per method: a host that forgets a method does not compile. */
export type BridgeHandlers = { [M in BridgeMethod]: BridgeHandler<M> };
