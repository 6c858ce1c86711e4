import {
  AppParamsSchema,
  CreateAppSchema,
  ReleaseSchema,
  ReviewDecisionSchema,
  RollbackSchema,
  UpdateAppSchema,
  VersionParamsSchema,
  MAX_PACKAGE_BYTES,
  HOST_ORIGIN_PARAM,
  LaunchRequestSchema,
  DirectoryQuerySchema,
  type Launch,
} from '@app/shared';
import express, { Router, type RequestHandler } from 'express';
import { authOf, requireAdmin } from '../auth/auth.middleware';
import { AppError } from '../platform/errors';
import { input, validate } from '../platform/http/validate';
import { appOrigin } from './miniapps.hosting';
import { presentApp } from './miniapps.presenter';
import type { MiniAppsService } from './miniapps.service';

export interface MiniAppsRouterOptions {
  service: MiniAppsService;
  appsDomain: string;
  appsPort: () => number;
  hostOrigin: (req: express.Request) => string;
}

/** The package upload: the raw zip as the body (application/zip), or multipart field `package`. */
const receivePackage: RequestHandler[] = [
  express.raw({
    type: ['application/zip', 'application/octet-stream', 'application/x-zip-compressed'],
    limit: MAX_PACKAGE_BYTES + 1024,
  }),
  async (req, _res, next) => {
    if (Buffer.isBuffer(req.body) && req.body.length) return next();
    if (!req.is('multipart/form-data'))
      return next(
        new AppError(
          'validation_failed',
          'Send the zip as the body (application/zip) or as multipart field "package"',
          { package: 'Required' },
        ),
      );
    const { default: multer } = await import('multer');
    multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_PACKAGE_BYTES + 1, files: 1 } }).single(
      'package',
    )(req, _res, (err: unknown) => {
      if ((err as { code?: string })?.code === 'LIMIT_FILE_SIZE')
        return next(new AppError('invalid_package', 'Packages are at most 2 MB', { package: 'Too large' }));
      if (err || !req.file)
        return next(
          new AppError('validation_failed', 'Attach the zip as multipart field "package"', { package: 'Required' }),
        );
      req.body = req.file.buffer;
      next();
    });
  },
];

/** Developer portal API (`/api/dev/...`), admin review (`/api/admin/...`) and the host's directory; behind requireAuth. */
export function miniAppsRouter({ service, appsDomain, appsPort, hostOrigin }: MiniAppsRouterOptions): Router {
  const router = Router();
  const app = (res: express.Response) => input(res, AppParamsSchema, 'params').appId;
  const ver = (res: express.Response) => input(res, VersionParamsSchema, 'params');

  router.post('/dev/apps', validate(CreateAppSchema), async (_req, res) => {
    res.status(201).json(await service.create(authOf(res).userId, input(res, CreateAppSchema)));
  });
  router.get('/dev/apps', async (_req, res) => {
    res.json({ apps: await service.mine(authOf(res).userId) });
  });
  router.post('/dev/apps/:appId/secret', validate(AppParamsSchema, 'params'), async (_req, res) => {
    res.json({ appSecret: await service.rotateSecret(authOf(res).userId, app(res)) });
  });
  router.patch(
    '/dev/apps/:appId',
    validate(AppParamsSchema, 'params'),
    validate(UpdateAppSchema),
    async (_req, res) => {
      res.json({ app: await service.update(authOf(res).userId, app(res), input(res, UpdateAppSchema)) });
    },
  );
  router.get('/dev/apps/:appId/versions', validate(AppParamsSchema, 'params'), async (_req, res) => {
    res.json({ versions: await service.versions(authOf(res).userId, app(res)) });
  });
  router.post('/dev/apps/:appId/versions', validate(AppParamsSchema, 'params'), ...receivePackage, async (req, res) => {
    res
      .status(201)
      .json({ version: await service.upload(authOf(res).userId, app(res), new Uint8Array(req.body as Buffer)) });
  });
  router.post(
    '/dev/apps/:appId/versions/:version/submit',
    validate(VersionParamsSchema, 'params'),
    async (_req, res) => {
      res.json({ version: await service.submit(authOf(res).userId, ver(res).appId, ver(res).version) });
    },
  );
  router.post(
    '/dev/apps/:appId/versions/:version/release',
    validate(VersionParamsSchema, 'params'),
    validate(ReleaseSchema),
    async (_req, res) => {
      const { appId, version } = ver(res);
      res.json({
        version: await service.release(authOf(res).userId, appId, version, input(res, ReleaseSchema).percent),
      });
    },
  );
  router.post(
    '/dev/apps/:appId/rollback',
    validate(AppParamsSchema, 'params'),
    validate(RollbackSchema),
    async (_req, res) => {
      res.json({ version: await service.rollback(authOf(res).userId, app(res), input(res, RollbackSchema).version) });
    },
  );

  router.get('/admin/reviews', requireAdmin, async (_req, res) => {
    res.json({ reviews: await service.reviewQueue() });
  });
  for (const decision of ['approve', 'reject'] as const) {
    router.post(
      `/admin/apps/:appId/versions/:version/${decision}`,
      requireAdmin,
      validate(VersionParamsSchema, 'params'),
      validate(ReviewDecisionSchema),
      async (_req, res) => {
        const { appId, version } = ver(res);
        res.json({
          version: await service.review(
            authOf(res).userId,
            appId,
            version,
            decision === 'approve',
            input(res, ReviewDecisionSchema).reason,
          ),
        });
      },
    );
  }

  router.get('/miniapps', validate(DirectoryQuerySchema, 'query'), async (_req, res) => {
    const { q } = input(res, DirectoryQuerySchema, 'query');
    res.json({ apps: await service.directory(authOf(res).userId, q || undefined) });
  });
  router.get('/miniapps/recent', async (_req, res) => {
    res.json({ apps: await service.recent(authOf(res).userId) });
  });
  router.get(
    '/miniapps/:appId/launch',
    validate(AppParamsSchema, 'params'),
    validate(LaunchRequestSchema, 'query'),
    async (req, res) => {
      const query = input(res, LaunchRequestSchema, 'query');
      const viewer = authOf(res);
      const preview = query.preview === '1';
      const { app: row, version: chosen } = preview
        ? await service.preview(viewer, app(res), query.version)
        : await service.launch(viewer.userId, app(res));
      // A preview is the developer's or a reviewer's look, not a use: it stays out of their recent apps.
      if (!preview) await service.recordOpen(viewer.userId, row.appId);
      const origin = appOrigin(chosen.appId, appsDomain, appsPort());
      // Unreleased versions are served only under a signed, expiring prefix (miniapps.preview.ts); packages use
      // relative asset URLs, so every file of the version resolves under it.
      const prefix = preview ? `_p/${service.previewToken(row.appId, chosen.version)}` : `_v/${chosen.version}`;
      const url = new URL(`${origin}/${prefix}/${chosen.manifest.entry}`);
      // A page path `/menu?table=12`: its query becomes the launch query, its path the fragment (hash routing).
      if (query.path) {
        const parsed = new URL(query.path, 'http://page.invalid');
        for (const [key, value] of parsed.searchParams) if (key !== HOST_ORIGIN_PARAM) url.searchParams.set(key, value);
        url.hash = parsed.pathname;
      }
      url.searchParams.set(HOST_ORIGIN_PARAM, hostOrigin(req));
      res.json({
        url: url.toString(),
        origin,
        version: chosen.version,
        app: presentApp(row),
        scopes: chosen.manifest.scopes,
        config: row.launchConfig,
        // Versions stored before templates were declared have none.
        subscribeTemplates: chosen.manifest.subscribeTemplates ?? [],
        preview,
      } satisfies Launch);
    },
  );
  return router;
}
