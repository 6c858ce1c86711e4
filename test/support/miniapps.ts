import { randomUUID } from 'node:crypto';
import type { TestServer } from './server';
import { api, buildUser, type BuiltUser } from './factories';

export const TEST_PIN = '135790';

export interface TestMiniApp {
  appId: string;
  appSecret: string;
  /** An app access token for the Open API. */
  token: string;
  owner: BuiltUser;
}

/** Registers an app through the developer API (a fresh owner unless given) and gets its app token. */
export async function buildMiniApp(
  server: TestServer,
  options: { owner?: BuiltUser; name?: string; description?: string; webhookUrl?: string } = {},
): Promise<TestMiniApp> {
  const owner = options.owner ?? (await buildUser(server.url));
  const created = await api(server.url, 'POST', '/api/dev/apps', {
    token: owner.accessToken,
    body: { name: options.name ?? 'Test shop', category: 'shopping', description: options.description ?? '' },
  });
  if (created.status !== 201) throw new Error(`app failed: ${created.status} ${JSON.stringify(created.body)}`);
  const { app, appSecret } = created.body as { app: { appId: string }; appSecret: string };
  if (options.webhookUrl) {
    await api(server.url, 'PATCH', `/api/dev/apps/${app.appId}`, {
      token: owner.accessToken,
      body: { webhookUrl: options.webhookUrl },
    });
  }
  return { appId: app.appId, appSecret, token: await appTokenOf(server, app.appId, appSecret), owner };
}

export async function appTokenOf(server: TestServer, appId: string, appSecret: string): Promise<string> {
  const res = await api(server.url, 'POST', '/openapi/v1/token', { body: { appId, appSecret } });
  if (res.status !== 200) throw new Error(`token failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}

/** The person's openId for the app, through the real login-code → code2session path. */
export async function openIdOf(server: TestServer, app: TestMiniApp, user: BuiltUser): Promise<string> {
  const code = await api(server.url, 'POST', '/api/bridge/login-code', {
    token: user.accessToken,
    body: { appId: app.appId },
  });
  const session = await api(server.url, 'POST', '/openapi/v1/auth/code2session', {
    token: app.token,
    body: { code: code.body.code },
  });
  if (session.status !== 200) throw new Error(`code2session failed: ${JSON.stringify(session.body)}`);
  return session.body.openId as string;
}

/** A person with a PIN and `balanceFen` in the wallet. */
export async function buildPayer(server: TestServer, balanceFen: number): Promise<BuiltUser> {
  const user = await buildUser(server.url);
  await api(server.url, 'PUT', '/api/wallet/pin', { token: user.accessToken, body: { pin: TEST_PIN } });
  if (balanceFen > 0) {
    const top = await api(server.url, 'POST', '/api/wallet/topups', {
      token: user.accessToken,
      body: { amountFen: balanceFen },
      headers: { 'idempotency-key': randomUUID() },
    });
    if (top.status !== 201) throw new Error(`topup failed: ${JSON.stringify(top.body)}`);
  }
  return user;
}

export const balanceOf = async (server: TestServer, user: BuiltUser): Promise<number> =>
  (await api(server.url, 'GET', '/api/wallet', { token: user.accessToken })).body.balanceFen as number;

export function createOrder(server: TestServer, app: TestMiniApp, body: Record<string, unknown>) {
  return api(server.url, 'POST', '/openapi/v1/payments/orders', { token: app.token, body });
}

export function payOrder(server: TestServer, user: BuiltUser, orderId: string, pin = TEST_PIN, key = randomUUID()) {
  return api(server.url, 'POST', `/api/payments/orders/${orderId}/pay`, {
    token: user.accessToken,
    body: { pin },
    headers: { 'idempotency-key': key },
  });
}

/** Creates an order of `amount` for the person and pays it; returns the orderId. */
export async function paidOrder(server: TestServer, app: TestMiniApp, user: BuiltUser, amount: number) {
  const openId = await openIdOf(server, app, user);
  const created = await createOrder(server, app, {
    outTradeNo: `t_${randomUUID().slice(0, 12)}`,
    openId,
    amount,
    description: 'Test order',
  });
  if (created.status !== 201) throw new Error(`order failed: ${JSON.stringify(created.body)}`);
  const paid = await payOrder(server, user, created.body.orderId as string);
  if (paid.status !== 200) throw new Error(`pay failed: ${JSON.stringify(paid.body)}`);
  return created.body.orderId as string;
}
