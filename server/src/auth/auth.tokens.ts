import { createHash, randomBytes } from 'node:crypto';
import { ACCESS_TOKEN, RoleSchema, type Role } from '@app/shared';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { AppError } from '../platform/errors';

export interface AccessClaims {
  userId: string;
  role: Role;
  /** Expiry, unix seconds. */
  exp: number;
}

const ClaimsSchema = z.object({ sub: z.uuid(), role: RoleSchema, exp: z.number().int() });

/** Signs and verifies access tokens with the algorithm, issuer and audience pinned (DESIGN §9). */
export class AccessTokens {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number = ACCESS_TOKEN.ttlSeconds,
  ) {}

  sign(userId: string, role: Role): { token: string; expiresIn: number } {
    const token = jwt.sign({ role }, this.secret, {
      algorithm: ACCESS_TOKEN.algorithm,
      issuer: ACCESS_TOKEN.issuer,
      audience: ACCESS_TOKEN.audience,
      subject: userId,
      expiresIn: this.ttlSeconds,
    });
    return { token, expiresIn: this.ttlSeconds };
  }

  /** Throws AppError `token_expired` or `token_invalid`; never trusts the token's own `alg` header. */
  verify(token: string): AccessClaims {
    let payload: unknown;
    try {
      payload = jwt.verify(token, this.secret, {
        algorithms: [ACCESS_TOKEN.algorithm],
        issuer: ACCESS_TOKEN.issuer,
        audience: ACCESS_TOKEN.audience,
      });
    } catch (err) {
      if (err instanceof jwt.TokenExpiredError) throw new AppError('token_expired', 'Access token has expired');
      throw new AppError('token_invalid', 'Access token is invalid');
    }
    const claims = ClaimsSchema.safeParse(payload);
    if (!claims.success) throw new AppError('token_invalid', 'Access token is invalid');
    return { userId: claims.data.sub, role: claims.data.role, exp: claims.data.exp };
  }
}

/** A new opaque refresh token (256 random bits). */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores instead of the token itself. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Reads `Authorization: Bearer <token>`; undefined when absent or malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header ?? '');
  return match?.[1];
}
