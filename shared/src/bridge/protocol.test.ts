import { describe, expect, it } from 'vitest';
import { fromErrorPayload, toErrorPayload, BridgeError } from './error';
import { jsonSize } from './json';
import { HelloSchema, HostToAppSchema, LaunchContextSchema, RequestSchema } from './protocol';

const request = (patch: Record<string, unknown>) => ({
  type: 'request',
  id: 'r1',
  method: 'ui.toast',
  params: {},
  ...patch,
});

describe('bridge envelope', () => {
  it('accepts the hello with or without an sdkVersion, nothing else', () => {
    expect(HelloSchema.safeParse({ ns: 'miniapp', v: 1, type: 'hello' }).success).toBe(true);
    expect(HelloSchema.safeParse({ ns: 'miniapp', v: 1, type: 'hello', sdkVersion: '0.1.0' }).success).toBe(true);
    expect(HelloSchema.safeParse({ ns: 'miniapp', v: '1', type: 'hello' }).success).toBe(false);
  });

  it('limits ids and names to 64 characters', () => {
    expect(RequestSchema.safeParse(request({ id: 'x'.repeat(64) })).success).toBe(true);
    expect(RequestSchema.safeParse(request({ id: 'x'.repeat(65) })).success).toBe(false);
    expect(RequestSchema.safeParse(request({ id: '' })).success).toBe(false);
    expect(RequestSchema.safeParse(request({ method: 'm'.repeat(65) })).success).toBe(false);
  });

  it('takes only plain JSON as params', () => {
    const deep = JSON.parse('['.repeat(40) + ']'.repeat(40)) as unknown;
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const sparse: unknown[] = [];
    sparse[1] = 1;
    const bad = [new Date(), new Map(), new Uint8Array(2), () => 1, undefined, NaN, Infinity, 1n, deep, cyclic, sparse];
    for (const params of bad) expect(RequestSchema.safeParse(request({ params })).success, String(params)).toBe(false);
    expect(RequestSchema.safeParse(request({ params: { text: 'x'.repeat(70_000) } })).success).toBe(false);
    const good = { a: [1, 'two', null, true, { b: -1.5 }], c: Object.create(null) as object };
    expect(RequestSchema.safeParse(request({ params: good })).success).toBe(true);
  });

  it('measures JSON close to its serialized length', () => {
    const value = { list: [1, 22, 'abc'], ok: true, none: null };
    expect(jsonSize(value)).toBe(JSON.stringify(value).length + 3);
  });

  it('tells responses and events apart and checks the launch context', () => {
    expect(HostToAppSchema.parse({ type: 'response', id: 'r1', ok: true, result: { a: 1 } })).toMatchObject({
      ok: true,
    });
    expect(HostToAppSchema.safeParse({ type: 'response', id: 'r1', ok: false, result: {} }).success).toBe(false);
    expect(HostToAppSchema.parse({ type: 'event', name: 'theme.changed', data: { theme: 'dark' } })).toMatchObject({
      type: 'event',
    });
    const context = { appId: 'mpapp1000000', locale: 'zh-CN', theme: 'dark', launchQuery: {}, sdkVersion: '0.1.0' };
    expect(LaunchContextSchema.safeParse({ ...context, hostVersion: '1.0.0' }).success).toBe(true);
    expect(LaunchContextSchema.safeParse({ ...context, hostVersion: '1.0.0', locale: 'fr' }).success).toBe(false);
  });

  it('maps errors both ways without leaking unexpected ones', () => {
    expect(toErrorPayload(new BridgeError('scope_denied', 'no'))).toEqual({
      payload: { code: 'scope_denied', message: 'no' },
      expected: true,
    });
    expect(toErrorPayload(new Error('stack trace'))).toEqual({
      payload: { code: 'internal', message: 'Internal error' },
      expected: false,
    });
    expect(fromErrorPayload({ code: 'bridge_timeout', message: 't' }).code).toBe('bridge_timeout');
    expect(fromErrorPayload({ code: 'from_the_future', message: 'x' })).toMatchObject({ code: 'internal' });
  });
});
