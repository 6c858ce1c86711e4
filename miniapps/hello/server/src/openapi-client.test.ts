import { afterEach, describe, expect, it, vi } from 'vitest';
import { OpenApiClient, OpenApiError } from './openapi-client';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => vi.unstubAllGlobals());

function client(answer: (url: string, init: RequestInit) => Response) {
  const calls: string[] = [];
  let tokens = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push(new URL(url).pathname);
      if (url.endsWith('/token')) return json(200, { accessToken: `tok${++tokens}`, expiresIn: 7200 });
      return answer(url, init);
    }),
  );
  let now = 0;
  const c = new OpenApiClient({
    platformUrl: 'http://platform.test',
    appId: 'mpabc123def4',
    appSecret: 'secret-0123456789-abcdef',
    now: () => now,
  });
  return { c, calls, advance: (ms: number) => (now += ms) };
}

describe('OpenApiClient', () => {
  it('keeps one app token and renews it 5 minutes before its 2 hours end', async () => {
    const seen: string[] = [];
    const { c, calls, advance } = client((_url, init) => {
      seen.push(new Headers(init.headers).get('authorization')!);
      return json(200, { openId: 'o1' });
    });
    await Promise.all([c.code2session('code-1'), c.code2session('code-2')]); // one token fetch for both
    advance(114 * 60 * 1000);
    await c.code2session('code-3');
    advance(60 * 1000); // 1 h 55 min: inside the margin
    await c.code2session('code-4');
    expect(calls.filter((p) => p.endsWith('/token'))).toHaveLength(2);
    expect(seen).toEqual(['Bearer tok1', 'Bearer tok1', 'Bearer tok1', 'Bearer tok2']);
  });

  it('gets a new token once when the platform calls it expired, and passes other errors on', async () => {
    let first = true;
    const { c } = client(() => {
      if (first) {
        first = false;
        return json(401, { error: { code: 'token_expired', message: 'expired' } });
      }
      return json(401, { error: { code: 'code_invalid', message: 'bad code' } });
    });
    const err = await c.code2session('code').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenApiError);
    expect(err).toMatchObject({ status: 401, code: 'code_invalid' });
  });
});
