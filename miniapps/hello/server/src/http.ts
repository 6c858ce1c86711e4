import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

/** Request bodies (JSON or a webhook) are small; anything bigger is refused before it is buffered. */
const MAX_BODY_BYTES = 64 * 1024;

/** An error answered as `{error:{code, message}}` with its HTTP status, like the platform's own API. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function readRawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'payload_too_large', 'Body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.output<S>> {
  const raw = await readRawBody(req);
  let json: unknown;
  try {
    json = raw.length ? JSON.parse(raw.toString('utf8')) : {};
  } catch {
    throw new HttpError(400, 'validation_failed', 'Body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, 'validation_failed', `${issue?.path.join('.') || 'body'}: ${issue?.message}`);
  }
  return parsed.data;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * CORS for the app's own origin only (`http://<appId>.apps.localhost:<APPS_PORT>`): other pages get no CORS headers,
 * so browsers refuse them. Answers preflights; returns true when the request was one.
 */
export function cors(req: IncomingMessage, res: ServerResponse, allowedOrigin: string): boolean {
  res.setHeader('vary', 'Origin');
  const origin = req.headers.origin;
  if (origin === allowedOrigin) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-max-age', '600');
  }
  if (req.method !== 'OPTIONS') return false;
  if (origin === allowedOrigin) {
    res.setHeader('access-control-allow-methods', 'GET, POST');
    res.setHeader('access-control-allow-headers', 'authorization, content-type');
  }
  res.writeHead(204).end();
  return true;
}
