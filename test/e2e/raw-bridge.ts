import { expect, type Frame, type Page } from '@playwright/test';
import { openMiniApp } from './apps';

/**
 * Raw bridge calls from inside a frame running fixtures/hostile (no SDK: `window.hostile.call` posts the request on
 * the port and resolves with the response envelope, never rejecting).
 */
export type Envelope<T = Record<string, unknown>> = {
  ok: boolean;
  result?: T;
  error?: { code: string; message: string };
};

export const rawCall = <T = Record<string, unknown>>(frame: Frame, method: string, params: unknown = {}) =>
  frame.evaluate(
    ([m, p]) =>
      (window as unknown as { hostile: { call(m: string, p: unknown): Promise<unknown> } }).hostile.call(m, p),
    [method, params] as const,
  ) as Promise<Envelope<T>>;

/** A call that must succeed; resolves with its result. */
export async function rawOk<T = Record<string, unknown>>(frame: Frame, method: string, params: unknown = {}) {
  const answer = await rawCall<T>(frame, method, params);
  expect(answer, `${method} ${JSON.stringify(params)}`).toMatchObject({ ok: true });
  return answer.result!;
}

/** Waits until the fixture in `frame` holds its port. */
export const connected = (frame: Frame) =>
  frame.evaluate(() => (window as unknown as { hostile: { connected: Promise<unknown> } }).hostile.connected);

/** Opens the app inside the messenger and waits for the fixture's handshake. */
export async function openHostile(page: Page, appId: string): Promise<Frame> {
  const frame = await openMiniApp(page, appId);
  await connected(frame);
  return frame;
}
