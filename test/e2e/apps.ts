import { expect, type APIRequestContext, type Frame, type Page } from '@playwright/test';

/** Inside the messenger: opening a mini-program and reaching its frame; and the Open API calls its backend makes. */

/** What a mini-program's backend does: app token, then JSON calls with it. */
export async function openApi(request: APIRequestContext, app: { appId: string; appSecret: string }) {
  const res = await request.post('/openapi/v1/token', { data: { appId: app.appId, appSecret: app.appSecret } });
  expect(res.status()).toBe(200);
  const { accessToken } = (await res.json()) as { accessToken: string };
  const call = async (method: 'GET' | 'POST', url: string, data?: unknown) => {
    const r = await request.fetch(`/openapi/v1${url}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}` },
      data,
    });
    return { status: r.status(), body: (await r.json().catch(() => null)) as Record<string, unknown> };
  };
  return { accessToken, call };
}

/** Opens the app full-screen inside the messenger and returns its iframe once the bridge is up. */
export async function openMiniApp(page: Page, appId: string, pagePath?: string): Promise<Frame> {
  await page.goto(`/apps/${appId}${pagePath ? `?path=${encodeURIComponent(pagePath)}` : ''}`);
  await expect(page.getByTestId('miniapp-page')).toHaveAttribute('data-state', 'connected');
  return miniAppFrame(page, appId);
}

export async function miniAppFrame(page: Page, appId: string): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes(`//${appId}.`))).toBe(true);
  return page.frames().find((f) => f.url().includes(`//${appId}.`))!;
}
