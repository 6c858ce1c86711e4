import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type IMAGE_MIME_TYPES, MAX_IMAGE_BYTES, MediaParamsSchema, type Upload } from '@app/shared';
import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import sharp from 'sharp';
import { authOf } from '../auth/auth.middleware';
import { AppError } from '../platform/errors';
import { input, validate } from '../platform/http/validate';
import type { Db } from '../schema';
import { uploads } from './chat.tables';
import { eq } from 'drizzle-orm';

const THUMB_MAX_PX = 360;
const FORMAT_MIME: Record<string, (typeof IMAGE_MIME_TYPES)[number]> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

/**
 * Image uploads for chat. The type is decided by decoding the bytes (sharp), never by the client's claim; the file
 * is stored under DATA_DIR/uploads with a webp thumbnail. Media URLs are unguessable (random uuid) capability URLs,
 * because <img> cannot send a bearer token.
 */
export function uploadsRouter(db: Db, dataDir: string, requireAuth: RequestHandler): Router {
  const dir = uploadDir(dataDir);
  const router = Router();
  const receive = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_IMAGE_BYTES, files: 1 } }).single(
    'file',
  );

  const parseUpload: RequestHandler = (req, res, next) => {
    receive(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') {
        next(new AppError('payload_too_large', `Images are at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB`));
      } else if (err) {
        next(new AppError('bad_request', 'Send the image as multipart form field "file"'));
      } else next();
    });
  };

  router.post('/uploads', requireAuth, parseUpload, async (req, res) => {
    const file = req.file;
    if (!file) throw new AppError('validation_failed', 'No image attached', { file: 'Required' });
    const meta = await sharp(file.buffer)
      .metadata()
      .catch(() => undefined);
    const mime = meta?.format ? FORMAT_MIME[meta.format] : undefined;
    if (!meta || !mime || !meta.width || !meta.height) {
      throw new AppError('unsupported_media', 'Only JPEG, PNG, WebP and GIF images can be sent');
    }
    const thumb = await sharp(file.buffer, { animated: false })
      .rotate()
      .resize(THUMB_MAX_PX, THUMB_MAX_PX, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    const [row] = await db
      .insert(uploads)
      .values({ ownerId: authOf(res).userId, mime, bytes: file.size, width: meta.width, height: meta.height })
      .returning();
    await mkdir(dir, { recursive: true });
    await Promise.all([
      writeFile(path.join(dir, row!.id), file.buffer),
      writeFile(path.join(dir, `${row!.id}_thumb`), thumb),
    ]);
    res.status(201).json({
      id: row!.id,
      url: `/media/${row!.id}`,
      thumbUrl: `/media/${row!.id}/thumb`,
      width: meta.width,
      height: meta.height,
      mime,
      bytes: file.size,
    } satisfies Upload);
  });
  return router;
}

function uploadDir(dataDir: string): string {
  return path.join(dataDir, 'uploads');
}

/** `GET /media/:id[/thumb]`: the stored image or its thumbnail. */
export function mediaRouter(db: Db, dataDir: string): Router {
  const dir = uploadDir(dataDir);
  const router = Router();
  const serve: RequestHandler = async (_req, res) => {
    const { id, variant } = input(res, MediaParamsSchema, 'params');
    const [row] = await db.select().from(uploads).where(eq(uploads.id, id));
    if (!row) throw new AppError('not_found', 'No such image');
    const bytes = await readFile(path.join(dir, variant ? `${id}_thumb` : id)).catch(() => undefined);
    if (!bytes) throw new AppError('not_found', 'No such image');
    res.setHeader('Content-Type', variant ? 'image/webp' : row.mime);
    res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(bytes);
  };
  router.get('/media/:id', validate(MediaParamsSchema, 'params'), serve);
  router.get('/media/:id/:variant', validate(MediaParamsSchema, 'params'), serve);
  return router;
}
