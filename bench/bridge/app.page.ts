/// <reference lib="dom" />
import { connect, type MiniAppBridge } from '@app/miniapp-sdk';
import { BRIDGE_METHODS, HostToAppSchema, RequestSchema } from '@app/shared/bridge';
import { type BenchApi, type BenchGlobal, type Kind, type ParseCost } from './api';

/**
 * The benchmark's mini-program (http://<APP_ID>.apps.localhost:<appPort>): connects with the real SDK, asks the host
 * for the bare baseline port, then exposes {@link BenchApi} for the driver. Timing happens here, where `call()` starts.
 */
const hostOrigin = new URL(location.href).searchParams.get('__host') ?? '';

function rawPort(): Promise<MessagePort> {
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== window.parent || event.origin !== hostOrigin) return;
      if ((event.data as { bench?: unknown } | null)?.bench !== 'raw-port' || !event.ports[0]) return;
      window.removeEventListener('message', onMessage);
      resolve(event.ports[0]);
    };
    window.addEventListener('message', onMessage);
    window.parent.postMessage({ bench: 'raw-port' }, hostOrigin);
  });
}

/** The floor: the same request object over a bare port, a Map of pending ids, a Promise — no zod, no timers. */
function rawClient(port: MessagePort): () => Promise<unknown> {
  const pending = new Map<string, (value: unknown) => void>();
  let seq = 0;
  port.onmessage = (event: MessageEvent<{ id: string; result: unknown }>) => {
    const resolve = pending.get(event.data.id);
    pending.delete(event.data.id);
    resolve?.(event.data.result);
  };
  return () =>
    new Promise((resolve) => {
      const id = `raw-${++seq}`;
      pending.set(id, resolve);
      port.postMessage({ type: 'request', id, method: 'ui.setTitle', params: { title: 'bench' } });
    });
}

function caller(bridge: MiniAppBridge, raw: () => Promise<unknown>, kind: Kind): () => Promise<unknown> {
  switch (kind) {
    case 'raw':
      return raw;
    case 'bridge:ui.setTitle':
      return () => bridge.call('ui.setTitle', { title: 'bench' });
    case 'bridge:system.getInfo':
      return () => bridge.call('system.getInfo');
  }
}

/** µs per call of `fn`, over `iterations` calls. */
function cost(iterations: number, fn: () => unknown): number {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return ((performance.now() - start) * 1000) / iterations;
}

function parseCost(iterations: number): ParseCost {
  const spec = BRIDGE_METHODS['ui.setTitle'];
  const params = { title: 'bench' };
  const request = { type: 'request', id: 'mabc123-1', method: 'ui.setTitle', params };
  const response = { type: 'response', id: 'mabc123-1', ok: true, result: {} };
  const parts = {
    sdkParams: cost(iterations, () => spec.params.safeParse(params)),
    hostEnvelope: cost(iterations, () => RequestSchema.safeParse(request)),
    hostParams: cost(iterations, () => spec.params.safeParse(params)),
    hostResult: cost(iterations, () => spec.result.safeParse({})),
    sdkEnvelope: cost(iterations, () => HostToAppSchema.safeParse(response)),
    sdkResult: cost(iterations, () => spec.result.safeParse({})),
  };
  const sdkTimer = cost(iterations, () => clearTimeout(setTimeout(() => {}, 10_000)));
  return { ...parts, total: Object.values(parts).reduce((a, b) => a + b, 0), sdkTimer };
}

function timerResolutionMs(): number {
  let smallest = Infinity;
  for (let i = 0; i < 1000; i++) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) b = performance.now();
    smallest = Math.min(smallest, b - a);
  }
  return smallest;
}

const bridge = await connect();
const raw = rawClient(await rawPort());

const api: BenchApi = {
  async sequential(kind, n) {
    const call = caller(bridge, raw, kind);
    const samples = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      await call();
      samples[i] = performance.now() - start;
    }
    return samples;
  },
  async concurrent(kind, n, inFlight) {
    const call = caller(bridge, raw, kind);
    const samples: number[] = [];
    let issued = 0;
    const worker = async () => {
      while (issued < n) {
        issued++;
        const start = performance.now();
        await call();
        samples.push(performance.now() - start);
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: inFlight }, worker));
    return { samples, elapsedMs: performance.now() - start };
  },
  parseCost,
  timerResolutionMs,
};
(globalThis as BenchGlobal).__bench = api;
