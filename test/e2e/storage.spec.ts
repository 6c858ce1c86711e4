import { createHash, verify } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { expect, test, type Browser } from '@playwright/test';
import { miniAppFrame } from './apps';
import { connected, openHostile, rawCall as call, rawOk as ok, type Envelope } from './raw-bridge';
import { fixtureFiles, publishMiniApp, registerUser, signIn, type PublishedApp } from './support';

/**
 * Bridge v1.1 storage.* and device.* in real Chromium, from inside real sandboxed iframes on two apps' own origins
 * (the raw-protocol fixture of isolation.spec, published twice). "Clear data" is storage-clear.spec.
 */
const HOSTILE = fileURLToPath(new URL('./fixtures/hostile/', import.meta.url));

type PublicKey = { publicKey: string; keyId: string; algorithm: string };

let appA: PublishedApp;
let appB: PublishedApp;
test.beforeAll(async ({ request }) => {
  const files = await fixtureFiles(HOSTILE);
  appA = await publishMiniApp(request, { name: 'Ride Notes 乘车笔记', files });
  appB = await publishMiniApp(request, { name: 'Other Notes', files });
});

const b64url = (text: string) => Buffer.from(text).toString('base64url');
/** What a gate does offline: Node's crypto, SPKI DER, IEEE P1363 r ‖ s. */
const verifies = (key: PublicKey, data: string, signature: string) =>
  verify(
    'sha256',
    Buffer.from(data),
    { key: Buffer.from(key.publicKey, 'base64url'), format: 'der', type: 'spki', dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );

async function person(browser: Browser, request: Parameters<typeof registerUser>[0], name: string) {
  const user = await registerUser(request, name);
  return { user, ...(await signIn(browser, user)) };
}

test('an app’s storage and device key survive reloads; another app reads null and has its own key', async ({
  browser,
  request,
}) => {
  const { user, page, context } = await person(browser, request, 'Stella Store');
  let frame = await openHostile(page, appA.appId);
  expect(await ok(frame, 'storage.get', { key: 'greeting' })).toEqual({ value: null });
  await ok(frame, 'storage.set', { key: 'greeting', value: '你好, rider' });
  await ok(frame, 'storage.set', { key: 'card', value: '{"id":"c-7","city":"sh"}' });
  await ok(frame, 'storage.set', { key: 'scratch', value: 'gone soon' });
  expect(await ok(frame, 'storage.keys')).toEqual({ keys: ['card', 'greeting', 'scratch'], next: null });
  await ok(frame, 'storage.remove', { key: 'scratch' });
  expect(await ok(frame, 'storage.get', { key: 'scratch' })).toEqual({ value: null });
  const tooBig = await call(frame, 'storage.set', { key: 'big', value: 'x'.repeat(4097) });
  expect(tooBig).toMatchObject({ ok: false, error: { code: 'validation_failed' } });

  const keyA = await ok<PublicKey>(frame, 'device.getPublicKey');
  expect(keyA.algorithm).toBe('ES256');
  expect(keyA.keyId).toBe(createHash('sha256').update(Buffer.from(keyA.publicKey, 'base64url')).digest('base64url'));
  const ride = 'ride:c-7:gate-12:1764640000';
  const signedA = await ok<{ signature: string; keyId: string }>(frame, 'device.sign', { data: b64url(ride) });
  expect(signedA.keyId).toBe(keyA.keyId);
  expect(verifies(keyA, ride, signedA.signature)).toBe(true);
  expect(verifies(keyA, `${ride}!`, signedA.signature)).toBe(false);

  // Reload the app's own document (the host makes a new bridge), then the whole messenger page.
  await frame.goto(frame.url());
  await connected(frame);
  expect(await ok(frame, 'storage.get', { key: 'greeting' })).toEqual({ value: '你好, rider' });
  await page.reload();
  await expect(page.getByTestId('miniapp-page')).toHaveAttribute('data-state', 'connected');
  frame = await miniAppFrame(page, appA.appId);
  await connected(frame);
  expect(await ok(frame, 'storage.keys')).toEqual({ keys: ['card', 'greeting'], next: null });
  expect(await ok(frame, 'storage.get', { key: 'card' })).toEqual({ value: '{"id":"c-7","city":"sh"}' });
  expect(await ok(frame, 'device.getPublicKey'), 'the key lives in IndexedDB, not in the page').toEqual(keyA);

  // Another app, same person, same browser: none of A's data, and a key of its own.
  const other = await openHostile(page, appB.appId);
  expect(await ok(other, 'storage.get', { key: 'greeting' })).toEqual({ value: null });
  expect(await ok(other, 'storage.keys')).toEqual({ keys: [], next: null });
  await ok(other, 'storage.set', { key: 'greeting', value: 'B was here' });
  const keyB = await ok<PublicKey>(other, 'device.getPublicKey');
  expect(keyB.publicKey).not.toBe(keyA.publicKey);
  const signedB = await ok<{ signature: string }>(other, 'device.sign', { data: b64url(ride) });
  expect(verifies(keyB, ride, signedB.signature)).toBe(true);
  expect(verifies(keyA, ride, signedB.signature), "B's signature must not pass as A's").toBe(false);

  frame = await openHostile(page, appA.appId);
  expect(await ok(frame, 'storage.get', { key: 'greeting' })).toEqual({ value: '你好, rider' });
  // The platform holds it per (person, app): the person's own token reads the same value over REST.
  const rest = await request.get(`/api/bridge/storage/${appA.appId}?key=greeting`, {
    headers: { authorization: `Bearer ${user.accessToken}` },
  });
  expect(await rest.json()).toEqual({ value: '你好, rider' });
  await context.close();
});

test('the iframe cannot use the storage routes itself: without the host’s token they answer 401', async ({
  browser,
  request,
  baseURL,
}) => {
  const { user, page, context } = await person(browser, request, 'Rita Rest');
  const auth = { authorization: `Bearer ${user.accessToken}` };
  expect(
    (
      await request.put(`/api/bridge/storage/${appA.appId}`, { headers: auth, data: { key: 'secret', value: 's3' } })
    ).status(),
  ).toBe(204);
  // A hostile developer lists the messenger's own origin as an API domain, so the app's CSP lets the call out.
  const dev = { authorization: `Bearer ${appB.developer.accessToken}` };
  const patched = await request.patch(`/api/dev/apps/${appB.appId}`, { headers: dev, data: { domains: [baseURL] } });
  expect(patched.ok()).toBe(true);
  const frame = await openHostile(page, appB.appId);
  const targets = [`/api/bridge/storage/${appA.appId}?key=secret`, `/api/bridge/storage/${appA.appId}/keys`];
  const fromFrame = (target: string) =>
    frame.evaluate(
      (url) =>
        fetch(url, { credentials: 'include' }).then(
          async (r) => ({ status: r.status, body: await r.text() }),
          (err: Error) => ({ status: 0, body: err.name }),
        ),
      `${baseURL}${target}`,
    );
  // The browser does not even let the frame read the answer (no CORS headers on the API)…
  for (const target of targets) expect(await fromFrame(target)).toEqual({ status: 0, body: 'TypeError' });

  // …so Playwright relays the frame's own requests to see what the server answered (and hands that to the frame).
  const answered: Array<{ path: string; status: number; authorization?: string }> = [];
  await page.route(
    (url) => url.pathname.startsWith('/api/bridge/storage/'),
    async (route) => {
      const response = await route.fetch();
      const url = new URL(route.request().url());
      const { authorization } = route.request().headers();
      answered.push({ path: `${url.pathname}${url.search}`, status: response.status(), authorization });
      await route.fulfill({ response });
    },
  );
  for (const target of targets) {
    const seen = await fromFrame(target);
    expect(seen.status).toBe(401);
    expect(JSON.parse(seen.body)).toMatchObject({ error: { code: 'unauthenticated' } });
  }
  expect(answered).toEqual(targets.map((path) => ({ path, status: 401, authorization: undefined })));
  const still = await request.get(`/api/bridge/storage/${appA.appId}?key=secret`, { headers: auth });
  expect(await still.json()).toEqual({ value: 's3' });
  await context.close();
});

test('device.sign past its limit answers rate_limited', async ({ browser, request }) => {
  const { page, context } = await person(browser, request, 'Lim Ratel');
  const frame = await openHostile(page, appA.appId);
  const answers = await frame.evaluate((data) => {
    const bridge = (window as unknown as { hostile: { call(m: string, p: unknown): Promise<Envelope> } }).hostile;
    return Promise.all(Array.from({ length: 16 }, () => bridge.call('device.sign', { data })));
  }, b64url('tap'));
  const signed = answers.filter((a) => a.ok);
  const limited = answers.filter((a) => !a.ok);
  // A burst of 10; at 60 a minute at most one more can have refilled while the 16 were served.
  expect(signed.length).toBeGreaterThanOrEqual(10);
  expect(signed.length).toBeLessThanOrEqual(11);
  for (const a of limited) expect(a.error).toMatchObject({ code: 'rate_limited', message: /60 signatures a minute/ });
  expect((await call(frame, 'device.getPublicKey')).ok, 'reading the key is not limited').toBe(true);
  await context.close();
});
