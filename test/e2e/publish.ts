import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, type APIRequestContext, type Frame, type Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { registerUser, type TestUser } from './support';

/** Publishing fixture mini-programs through the real pipeline, and the Open API calls their backends would make. */

export interface PublishedApp {
  appId: string;
  appSecret: string;
  developer: TestUser;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Zips a fixture folder with a generated miniapp.json. */
export async function zipFixture(dir: string, manifest: Record<string, unknown>): Promise<Buffer> {
  const files: Record<string, Uint8Array> = { 'miniapp.json': Buffer.from(JSON.stringify(manifest)) };
  for (const name of await readdir(dir)) files[name] = await readFile(path.join(dir, name));
  return Buffer.from(zipSync(files));
}

async function adminToken(request: APIRequestContext): Promise<string> {
  const res = await request.post('/api/auth/login', { data: { username: 'admin', password: 'admin-pass-123' } });
  expect(res.status(), 'the e2e server seeds the demo admin').toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Register → upload → submit → admin approves → released to everyone. */
export async function publishApp(
  request: APIRequestContext,
  options: { name: string; dir: string; scopes?: string[]; category?: string; description?: string },
): Promise<PublishedApp> {
  const developer = await registerUser(request, `${options.name} Dev`, 'dev');
  const created = await request.post('/api/dev/apps', {
    headers: bearer(developer.accessToken),
    data: { name: options.name, category: options.category ?? 'tools', description: options.description ?? '' },
  });
  expect(created.status()).toBe(201);
  const { app, appSecret } = (await created.json()) as { app: { appId: string }; appSecret: string };
  const zip = await zipFixture(options.dir, {
    name: options.name,
    version: '1.0.0',
    entry: 'index.html',
    scopes: options.scopes ?? [],
  });
  const base = `/api/dev/apps/${app.appId}`;
  const upload = await request.post(`${base}/versions`, {
    headers: { ...bearer(developer.accessToken), 'content-type': 'application/zip' },
    data: zip,
  });
  expect(upload.status(), await upload.text()).toBe(201);
  expect((await request.post(`${base}/versions/1.0.0/submit`, { headers: bearer(developer.accessToken) })).ok()).toBe(
    true,
  );
  const admin = await adminToken(request);
  const approved = await request.post(`/api/admin/apps/${app.appId}/versions/1.0.0/approve`, {
    headers: bearer(admin),
    data: {},
  });
  expect(approved.ok()).toBe(true);
  const released = await request.post(`${base}/versions/1.0.0/release`, {
    headers: bearer(developer.accessToken),
    data: { percent: 100 },
  });
  expect(released.ok()).toBe(true);
  return { appId: app.appId, appSecret, developer };
}

/** What a mini-program's backend does: app token, then JSON calls with it. */
export async function openApi(request: APIRequestContext, app: PublishedApp) {
  const res = await request.post('/openapi/v1/token', { data: { appId: app.appId, appSecret: app.appSecret } });
  expect(res.status()).toBe(200);
  const { accessToken } = (await res.json()) as { accessToken: string };
  const call = async (method: 'GET' | 'POST', url: string, data?: unknown) => {
    const r = await request.fetch(`/openapi/v1${url}`, { method, headers: bearer(accessToken), data });
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
