import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppIdSchema } from '@app/shared';
import type { Logger } from '../platform/logger';
import type { MiniAppsService } from './miniapps.service';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface HostingOptions {
  service: MiniAppsService;
  logger: Logger;
  /** `apps.localhost` in development: Chromium resolves every `*.localhost` to loopback. */
  appsDomain: string;
  /** Origins allowed to frame the apps (the host web app); known once the host listens. */
  hostOrigins: () => string[];
}

/** The origin an app is served from, e.g. `http://mpabc123def4.apps.localhost:3001`. */
export function appOrigin(appId: string, appsDomain: string, appsPort: number, protocol = 'http'): string {
  const defaultPort = protocol === 'https' ? 443 : 80;
  return `${protocol}://${appId}.${appsDomain}${appsPort === defaultPort ? '' : `:${appsPort}`}`;
}

/**
 * Serves mini-program files on their own origins (DESIGN §6), routed by Host: `<appId>.<appsDomain>`, path
 * `/_v/<version>/<file>`. Only reviewed versions of active apps are served there; a version still in review is
 * served only to a previewer, under `/_p/<preview token>/<file>`. Every response says who may frame it
 * (`frame-ancestors` = the host) and whom its pages may call (`connect-src` = the app's declared API domains).
 */
export function createHostingServer(options: HostingOptions): Server {
  const hostPattern = new RegExp(`^([a-z0-9]+)\\.${options.appsDomain.replace(/\./g, '\\.')}(?::\\d+)?$`);
  return createServer((req, res) => {
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      res.end(body);
    };
    void (async () => {
      const appId = hostPattern.exec((req.headers.host ?? '').toLowerCase())?.[1];
      const match = /^\/_(v|p)\/([^/]+)\/(.*)$/.exec(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed');
      if (!appId || !AppIdSchema.safeParse(appId).success || !match) return send(404, 'Not found');
      const [, kind, key, file] = match as unknown as [string, 'v' | 'p', string, string];
      // `/_v/<version>/`: a reviewed version, for anyone. `/_p/<token>/`: any previewable version, for whoever holds
      // an unexpired preview token minted for this app (the developer or a reviewer; see miniapps.preview.ts).
      const found =
        kind === 'v'
          ? /^\d+\.\d+\.\d+$/.test(key)
            ? await options.service.servable(appId, key)
            : undefined
          : await options.service.previewable(appId, key);
      if (!found) return send(404, 'Not found');
      const root = options.service.packageDir(appId, found.version.version);
      const target = path.resolve(root, file || found.version.manifest.entry);
      if (!target.startsWith(root + path.sep)) return send(404, 'Not found');
      const bytes = await readFile(target).catch(() => undefined);
      if (!bytes) return send(404, 'Not found');
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': appCsp(found.app.domains, options.hostOrigins()),
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        // A version's files never change: the path names the version. A preview is nobody's to keep.
        'Cache-Control': kind === 'v' ? 'public, max-age=31536000, immutable' : 'private, no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : bytes);
    })().catch((err: unknown) => {
      options.logger.error({ err }, 'mini-program hosting failed');
      if (!res.headersSent) send(500, 'Internal error');
    });
  });
}

export function appCsp(domains: string[], hostOrigins: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    `connect-src 'self' ${domains.join(' ')}`.trim(),
    `frame-ancestors ${hostOrigins.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}
