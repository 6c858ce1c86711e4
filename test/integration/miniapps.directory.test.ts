import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bucketOf } from '@app/server/miniapps/miniapps.service';
import { startTestServer, type TestServer } from '../support/server';
import { api, buildUser, type BuiltUser } from '../support/factories';
import { buildAdmin, pipeline } from '../support/packages';

/**
 * Discover lists an app to a person exactly when they can open it: a gray release shows it only to the people whose
 * bucket it covers (the directory, recent apps and launch share one SQL predicate).
 */
let server: TestServer;
let admin: BuiltUser;
let developer: BuiltUser;
beforeAll(async () => {
  server = await startTestServer({ databaseUrl: inject('databaseUrl') });
  admin = await buildAdmin(server);
  developer = await buildUser(server.url);
});
afterAll(() => server.close());

const tag = randomUUID().slice(0, 8);

async function grayApp(n: number, percent: number) {
  const created = await api(server.url, 'POST', '/api/dev/apps', {
    token: developer.accessToken,
    body: { name: `Gray ${n} ${tag}`, category: 'tools', description: '' },
  });
  const appId = created.body.app.appId as string;
  const steps = pipeline(server, appId, developer, admin);
  expect((await steps.publish('1.0.0', percent)).status).toBe(200);
  return { appId, steps };
}

const listed = async (user: BuiltUser, path: string) =>
  (await api(server.url, 'GET', path, { token: user.accessToken })).body.apps.map((a: { appId: string }) => a.appId);
const directory = (user: BuiltUser) => listed(user, `/api/miniapps?q=${tag}`);
const recent = (user: BuiltUser) => listed(user, '/api/miniapps/recent');
const launch = (user: BuiltUser, appId: string) =>
  api(server.url, 'GET', `/api/miniapps/${appId}/launch`, { token: user.accessToken });

describe('who sees an app in Discover', () => {
  it('with only a 10 % gray release: listed to, and opened by, exactly the people in its bucket', async () => {
    const people = await Promise.all(Array.from({ length: 24 }, () => buildUser(server.url)));
    // Buckets are pseudo-random per (app, person): add apps until at least one person is inside and one outside.
    const apps: string[] = [];
    const inside = () => apps.flatMap((a) => people.filter((p) => bucketOf(p.user.id, a) < 10));
    while (apps.length < 4 || (inside().length === 0 && apps.length < 30))
      apps.push((await grayApp(apps.length, 10)).appId);
    expect(inside().length).toBeGreaterThan(0);
    expect(inside().length).toBeLessThan(apps.length * people.length);

    for (const person of people) {
      const seen = await directory(person);
      for (const appId of apps) {
        const canOpen = bucketOf(person.user.id, appId) < 10;
        expect(seen.includes(appId), `${person.user.id} ${appId}`).toBe(canOpen);
        const opened = await launch(person, appId);
        expect(opened.status).toBe(canOpen ? 200 : 404);
        if (canOpen) expect(opened.body.version).toBe('1.0.0');
      }
    }
  });

  it('recent apps drop an app once its release no longer covers the person, and bring it back when it does', async () => {
    const person = await buildUser(server.url);
    let found: { appId: string; steps: ReturnType<typeof pipeline>; bucket: number } | undefined;
    for (let n = 100; !found && n < 160; n++) {
      const app = await grayApp(n, 60);
      const bucket = bucketOf(person.user.id, app.appId);
      if (bucket > 0 && bucket < 60) found = { ...app, bucket };
    }
    const { appId, steps, bucket } = found!;
    expect((await launch(person, appId)).status).toBe(200);
    expect(await recent(person)).toContain(appId);

    // The same version, now released to a share that stops just below the person's bucket.
    expect((await steps.release('1.0.0', bucket)).status).toBe(200);
    expect(await recent(person)).not.toContain(appId);
    expect(await directory(person)).not.toContain(appId);
    expect((await launch(person, appId)).status).toBe(404);

    expect((await steps.release('1.0.0', bucket + 1)).status).toBe(200);
    expect(await recent(person)).toContain(appId);
    expect(await directory(person)).toContain(appId);

    // Released to everyone: everyone sees it.
    expect((await steps.release('1.0.0', 100)).status).toBe(200);
    const stranger = await buildUser(server.url);
    expect(await directory(stranger)).toContain(appId);
  });
});
