/** Pictures → ImageData for the decoder, scaled down so a decode stays fast (a QR code survives the scaling). */

/** Live frames: enough pixels for a code held at arm's length, few enough for several decodes a second. */
export const VIDEO_MAX_SIDE = 960;
/** A chosen image may be a 12-megapixel photo with a small code in a corner: keep more of it. */
export const IMAGE_MAX_SIDE = 2560;

function scaled(width: number, height: number, maxSide: number): { width: number; height: number } {
  const factor = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * factor)), height: Math.max(1, Math.round(height * factor)) };
}

function draw(source: CanvasImageSource, size: { width: number; height: number }, canvas: HTMLCanvasElement) {
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(source, 0, 0, size.width, size.height);
  return context.getImageData(0, 0, size.width, size.height);
}

/** The video's current frame, or null before it has one. `canvas` is reused between frames. */
export function grabFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): ImageData | null {
  if (video.readyState < video.HAVE_CURRENT_DATA || !video.videoWidth || !video.videoHeight) return null;
  return draw(video, scaled(video.videoWidth, video.videoHeight, VIDEO_MAX_SIDE), canvas);
}

/**
 * A chosen file decoded by the browser itself (PNG, JPEG, WebP, GIF, AVIF… whatever it can show), EXIF rotation
 * applied. Rejects when the file is not a picture the browser can open.
 */
export async function imageFromFile(file: Blob): Promise<ImageData> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const image = draw(bitmap, scaled(bitmap.width, bitmap.height, IMAGE_MAX_SIDE), document.createElement('canvas'));
    if (!image) throw new Error('No 2d canvas');
    return image;
  } finally {
    bitmap.close();
  }
}
