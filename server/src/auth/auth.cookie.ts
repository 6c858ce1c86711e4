import { REFRESH_TOKEN_TTL_DAYS, SESSION_HEADER } from '@app/shared';
import { parse } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';
import { AppError } from '../platform/errors';

/**
 * The browser session cookie (ADR 0008): the refresh token in an HttpOnly, SameSite=Strict cookie that only the
 * refresh and logout endpoints ever receive. The two paths share no prefix that excludes login and register, so the
 * same token is set under each path (two cookies of one name); both rotate together and are cleared together.
 */
export const SESSION_COOKIE = 'refresh_token';
export const SESSION_COOKIE_PATHS = ['/api/auth/refresh', '/api/auth/logout'] as const;

export interface SessionCookieOptions {
  /** The configured public URL (PUBLIC_URL): an https one makes the cookie Secure even without a proxy header. */
  publicUrl: string | undefined;
}

export class SessionCookie {
  constructor(private readonly options: SessionCookieOptions) {}

  /** True when the client asked for a cookie session (`X-Session: cookie`). */
  wanted(req: Request): boolean {
    return req.get(SESSION_HEADER.name) === SESSION_HEADER.value;
  }

  /** The cookie's refresh token, if the request carries one — only after the CSRF checks pass. */
  read(req: Request): string | undefined {
    const header = req.get('cookie');
    const token = header ? parse(header)[SESSION_COOKIE] : undefined;
    if (!token) return undefined;
    this.assertSameOrigin(req);
    return token;
  }

  set(req: Request, res: Response, token: string): void {
    const maxAge = REFRESH_TOKEN_TTL_DAYS * 86_400_000;
    for (const path of SESSION_COOKIE_PATHS)
      res.cookie(SESSION_COOKIE, token, { ...this.attributes(req, path), maxAge });
  }

  clear(req: Request, res: Response): void {
    for (const path of SESSION_COOKIE_PATHS) res.clearCookie(SESSION_COOKIE, this.attributes(req, path));
  }

  private attributes(req: Request, path: string): CookieOptions {
    // req.secure follows `trust proxy` (loopback): https at a local proxy counts, a remote X-Forwarded-Proto does not.
    const secure = req.secure || (this.options.publicUrl?.startsWith('https://') ?? false);
    return { httpOnly: true, secure, sameSite: 'strict', path };
  }

  /**
   * A cookie is sent by the browser whoever made the page, so a cookie-authenticated request must prove it comes
   * from our own page: the custom header (no cross-site form can send it, and cross-origin fetches need a preflight
   * we never grant) and, when the browser names it, our own Origin. SameSite=Strict alone would let a same-site
   * page — a mini-program on a subdomain — through.
   */
  private assertSameOrigin(req: Request): void {
    if (!this.wanted(req)) {
      throw new AppError(
        'csrf_rejected',
        `The session cookie is accepted only with the header ${SESSION_HEADER.name}: ${SESSION_HEADER.value}`,
      );
    }
    const origin = req.get('origin');
    if (origin !== undefined && !this.ownOrigins(req).includes(origin)) {
      throw new AppError('csrf_rejected', 'The session cookie is not accepted from another origin');
    }
  }

  private ownOrigins(req: Request): string[] {
    const own = `${req.protocol}://${req.host}`;
    return this.options.publicUrl ? [own, this.options.publicUrl] : [own];
  }
}
