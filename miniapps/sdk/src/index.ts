/**
 * The mini-program SDK: the only way a mini-program talks to the messenger (docs/miniapps/bridge.md).
 *
 * @example
 * import { connect } from '@app/miniapp-sdk';
 *
 * const bridge = await connect();
 * const { status } = await bridge.call('payment.request', { orderId });
 */
export { SDK_VERSION } from './version';
export { connect, hostOriginFromUrl, type ConnectOptions, type SdkWindowLike, type SdkMessageEvent } from './connect';
export { DEFAULT_TIMEOUT_MS, createBridgeClient, type CallArgs, type CallOptions, type MiniAppBridge } from './call';
export { BridgeError, isBridgeError, type ErrorCode } from './errors';
export { createMockHost, type MockHost, type MockHostOptions } from './mock-host';
export { pagePathOf, reportPages, type PageWindowLike } from './page';
export type { PortLike } from './transport';
export type {
  BridgeEvent,
  BridgeMethod,
  BridgeScope,
  EventDataOf,
  LaunchContext,
  ParamsInputOf,
  ParamsOf,
  ResultOf,
} from '@app/shared/bridge';
