import { AppTokenRequestSchema, Code2SessionRequestSchema } from '@app/shared';
import { Router, type RequestHandler, type Response } from 'express';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { bearerToken } from '../auth/auth.tokens';
import { AppError } from '../platform/errors';
import { input, validate } from '../platform/http/validate';
import { tryConsume } from '../platform/rate-limit';
import type { OpenApiService } from './openapi.service';

/** The app a request authenticates as (after requireApp). */
export function appOf(res: Response): string {
  const appId = res.locals.appId as string | undefined;
  if (!appId) throw new AppError('unauthenticated', 'App token required');
  return appId;
}

export interface OpenApiRouterOptions {
  /** Per client address and path (token exchange, code2session). */
  limiter: RateLimiterAbstract;
  /** Per app, across all its calls (payments, messages). */
  appLimiter: RateLimiterAbstract;
  /** Feature routers of app-authenticated calls, mounted after the app token check and the per-app limit. */
  appRoutes: Router[];
}

/** `/openapi/v1`: token exchange, then calls authenticated with the app token. */
export function openApiRouter(
  service: OpenApiService,
  { limiter, appLimiter, appRoutes }: OpenApiRouterOptions,
): Router {
  const router = Router();
  // Every app-authenticated route (code2session and the appRoutes: payments, messages) passes here: a valid token
  // of an app that is suspended now is refused (403 forbidden), one issued before the secret's rotation too (401).
  const requireApp: RequestHandler = async (req, res, next) => {
    const token = bearerToken(req.get('authorization'));
    if (!token) return next(new AppError('unauthenticated', 'Authorization: Bearer <app access token> required'));
    try {
      const { appId, secretVersion } = service.verify(token);
      await service.requireCurrent(appId, secretVersion);
      res.locals.appId = appId;
      next();
    } catch (err) {
      next(err);
    }
  };
  const limit: RequestHandler = async (req, _res, next) => {
    next(
      (await tryConsume(limiter, `${req.ip}:${req.path}`))
        ? undefined
        : new AppError('rate_limited', 'Too many requests; slow down'),
    );
  };

  router.post('/token', limit, validate(AppTokenRequestSchema), async (_req, res) => {
    const { appId, appSecret } = input(res, AppTokenRequestSchema);
    res.json(await service.token(appId, appSecret));
  });
  router.post('/auth/code2session', limit, requireApp, validate(Code2SessionRequestSchema), async (_req, res) => {
    res.json(await service.code2session(appOf(res), input(res, Code2SessionRequestSchema).code));
  });
  const limitApp: RequestHandler = async (_req, res, next) => {
    next(
      (await tryConsume(appLimiter, appOf(res)))
        ? undefined
        : new AppError('rate_limited', 'Too many Open API calls from this app; slow down'),
    );
  };
  router.use(requireApp, limitApp, ...appRoutes);
  router.use(() => {
    throw new AppError('not_found', 'No such Open API route');
  });
  return router;
}
