/**
 * What the benchmark iframe exposes to the driver (`frame.evaluate`), and the host page's query parameter. Types
 * only besides two constants, so both the Node driver and the browser bundles import it.
 */

/** `bridge:*` go through the real SDK `call()` and host `createHostBridge`; `raw` is the bare-port floor. */
export type Kind = 'raw' | 'bridge:ui.setTitle' | 'bridge:system.getInfo';
export const KINDS: readonly Kind[] = ['raw', 'bridge:ui.setTitle', 'bridge:system.getInfo'];

/** The benchmark mini-program's app id (`mp` + 10 characters); its origin is `http://<APP_ID>.apps.localhost:<port>`. */
export const APP_ID = 'mpbridgebnch';

/** The host page reads the app origin from this query parameter of its own URL. */
export const APP_ORIGIN_PARAM = 'app';

/** Present on the host page's URL in the cross-origin-isolated (precise timer) mode. */
export const PRECISE_PARAM = 'precise';

export interface ConcurrentResult {
  /** Per-call latency in ms, in completion order. */
  samples: number[];
  /** Wall time for all calls, ms. */
  elapsedMs: number;
}

/** Per round trip, in µs: what the six zod parses of one `ui.setTitle` call cost when run on their own. */
export interface ParseCost {
  sdkParams: number;
  hostEnvelope: number;
  hostParams: number;
  hostResult: number;
  sdkEnvelope: number;
  sdkResult: number;
  /** The six parses together. */
  total: number;
  /** Not zod: the SDK's per-call timeout, a setTimeout + clearTimeout pair. */
  sdkTimer: number;
}

export interface BenchApi {
  /** `n` calls one after another; each sample is one `performance.now()` round trip in ms. */
  sequential(kind: Kind, n: number): Promise<number[]>;
  /** `n` calls with `inFlight` of them outstanding at any time (a closed loop of `inFlight` workers). */
  concurrent(kind: Kind, n: number, inFlight: number): Promise<ConcurrentResult>;
  /** Times the validation steps of one round trip in isolation, `iterations` times each. */
  parseCost(iterations: number): ParseCost;
  /** `performance.now()` granularity seen by the iframe, ms (Chromium coarsens it outside cross-origin isolation). */
  timerResolutionMs(): number;
}

export interface BenchGlobal {
  __bench?: BenchApi;
}
