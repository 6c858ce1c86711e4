import { randomBytes, timingSafeEqual } from 'node:crypto';
import { APP_TOKEN, type AppToken, type Session } from '@app/shared';
import { and, eq } from 'drizzle-orm';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { BridgeService } from '../bridge/bridge.service';
import { hashSecret } from '../miniapps/miniapps.service';
import { miniapps } from '../miniapps/miniapps.tables';
import { AppError } from '../platform/errors';
import type { Db } from '../schema';
import { openIds } from './openapi.tables';

const AppClaimsSchema = z.object({ sub: z.string().regex(/^mp[a-z0-9]{10}$/), sv: z.string().min(1) });

/** Which secret a token was issued for: rotating the secret makes every token issued before it useless at once. */
const secretVersion = (secretHash: string) => secretHash.slice(0, 16);

/** The server-to-server API of mini-program backends (DESIGN §6 Open API). */
export class OpenApiService {
  constructor(
    private readonly db: Db,
    private readonly bridge: BridgeService,
    private readonly secret: string,
  ) {}

  /** appId + appSecret → an app access token (audience `openapi`: useless against the user API, and vice versa). */
  async token(appId: string, appSecret: string): Promise<AppToken> {
    const [app] = await this.db.select().from(miniapps).where(eq(miniapps.appId, appId));
    const given = Buffer.from(hashSecret(appSecret), 'hex');
    const ok = !!app && timingSafeEqual(given, Buffer.from(app.secretHash, 'hex'));
    if (!ok) throw new AppError('app_credentials_invalid', 'Wrong appId or appSecret');
    if (app.status !== 'active') throw new AppError('forbidden', 'This app is suspended');
    const accessToken = jwt.sign({ sv: secretVersion(app.secretHash) }, this.secret, {
      algorithm: 'HS256',
      issuer: APP_TOKEN.issuer,
      audience: APP_TOKEN.audience,
      subject: appId,
      expiresIn: APP_TOKEN.ttlSeconds,
    });
    return { accessToken, expiresIn: APP_TOKEN.ttlSeconds };
  }

  /** The claims of a valid app token; `token_expired` / `token_invalid` otherwise (see `requireCurrent`). */
  verify(token: string): { appId: string; secretVersion: string } {
    try {
      const payload = jwt.verify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: APP_TOKEN.issuer,
        audience: APP_TOKEN.audience,
      });
      const claims = AppClaimsSchema.parse(payload);
      return { appId: claims.sub, secretVersion: claims.sv };
    } catch (err) {
      if (err instanceof jwt.TokenExpiredError) throw new AppError('token_expired', 'App token has expired');
      throw new AppError('token_invalid', 'App token is invalid');
    }
  }

  /**
   * Refuses an app that is no longer active, or a token issued for a secret since rotated, even while unexpired:
   * suspending an app or rotating a leaked secret cuts the backend off at once (one primary-key lookup per call)
   * instead of when its token runs out.
   */
  async requireCurrent(appId: string, tokenSecretVersion: string): Promise<void> {
    const [app] = await this.db
      .select({ status: miniapps.status, secretHash: miniapps.secretHash })
      .from(miniapps)
      .where(eq(miniapps.appId, appId));
    if (!app) throw new AppError('token_invalid', 'App token is invalid');
    if (secretVersion(app.secretHash) !== tokenSecretVersion)
      throw new AppError('token_invalid', 'The app secret was rotated after this token was issued; get a new token');
    if (app.status !== 'active') throw new AppError('forbidden', 'This app is suspended');
  }

  /** A login code from this app's page → the person's openId for this app (codes are single-use). */
  async code2session(appId: string, code: string): Promise<Session> {
    const userId = await this.bridge.consumeCode(appId, code);
    await this.db
      .insert(openIds)
      .values({ appId, userId, openId: `o${randomBytes(18).toString('base64url')}` })
      .onConflictDoNothing({ target: [openIds.appId, openIds.userId] });
    const [row] = await this.db
      .select({ openId: openIds.openId })
      .from(openIds)
      .where(and(eq(openIds.appId, appId), eq(openIds.userId, userId)));
    return { openId: row!.openId };
  }
}
