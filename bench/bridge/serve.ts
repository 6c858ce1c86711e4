import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { APP_ID, APP_ORIGIN_PARAM, PRECISE_PARAM } from './api';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Both pages, and their URLs on two loopback origins that Chromium treats as cross-site. */
export interface BenchPages {
  hostUrl: string;
  hostOrigin: string;
  appOrigin: string;
  close(): Promise<void>;
}

/** Bundles a browser entry with the real shared/ and SDK sources, minified like a production build. */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(here, entry)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

const page = (script: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>bridge bench</title></head>` +
  `<body><script type="module" src="/${script}"></script></body></html>`;

function listen(files: Record<string, { type: string; body: string }>, headers: Record<string, string>) {
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store', ...headers }).end(file.body);
  });
  return new Promise<Server>((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const portOf = (server: Server) => (server.address() as AddressInfo).port;

/**
 * Host on http://localhost:<p1>, mini-program on http://<appId>.apps.localhost:<p2> (Chromium resolves `*.localhost`
 * to loopback): a different site, so Chromium puts the iframe in its own renderer process, as in the product. Both
 * carry the product's framing CSP (host `frame-src` the app origin, app `frame-ancestors` the host origin).
 */
export async function servePages(options: { preciseTimer: boolean }): Promise<BenchPages> {
  const [hostJs, appJs] = await Promise.all([bundle('host.page.ts'), bundle('app.page.ts')]);
  const js = 'text/javascript; charset=utf-8';
  const html = 'text/html; charset=utf-8';
  // The CSP needs the other side's port, so bind both first and fill the headers in after.
  const hostHeaders: Record<string, string> = {};
  const appHeaders: Record<string, string> = {};
  const host = await listen(
    { '/': { type: html, body: page('host.js') }, '/host.js': { type: js, body: hostJs } },
    hostHeaders,
  );
  const app = await listen(
    { '/': { type: html, body: page('app.js') }, '/app.js': { type: js, body: appJs } },
    appHeaders,
  );
  const hostOrigin = `http://localhost:${portOf(host)}`;
  const appOrigin = `http://${APP_ID}.apps.localhost:${portOf(app)}`;
  hostHeaders['content-security-policy'] = `frame-src ${appOrigin}`;
  appHeaders['content-security-policy'] = `frame-ancestors ${hostOrigin}`;
  if (options.preciseTimer) {
    // Cross-origin isolation (COOP + COEP, and `allow="cross-origin-isolated"` on the iframe) lifts Chromium's
    // 100 µs coarsening of performance.now() to 5 µs. The product does not send these headers; see BENCHMARKS.md.
    Object.assign(hostHeaders, {
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    Object.assign(appHeaders, {
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'cross-origin',
    });
  }
  const query = `${APP_ORIGIN_PARAM}=${encodeURIComponent(appOrigin)}${options.preciseTimer ? `&${PRECISE_PARAM}=1` : ''}`;
  return {
    hostUrl: `${hostOrigin}/?${query}`,
    hostOrigin,
    appOrigin,
    close: async () => {
      await Promise.all([host, app].map((s) => new Promise((r) => s.close(r))));
    },
  };
}
