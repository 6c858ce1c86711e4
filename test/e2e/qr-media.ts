import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

/** QR codes for the scanner specs: a PNG to choose as an image, and a Y4M clip for Chromium's fake camera. */

/** A PNG of `text` as a QR code, the way a person would save or screenshot one. */
export function qrPng(text: string, level: 'L' | 'M' = 'M'): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: level, margin: 4, scale: 8 });
}

const WIDTH = 640;
const HEIGHT = 480;
const WHITE = 235; // video range luma (BT.601): 16 black … 235 white
const BLACK = 16;

/**
 * Writes a Y4M clip (YUV 4:2:0, 640×480, two identical frames) of `text` as a black-on-white QR code in the middle of
 * a grey scene, for `--use-file-for-fake-video-capture` (Chromium loops it). Synchronous, so a spec can write it
 * before its browser launches.
 */
export function writeQrY4m(file: string, text: string): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const cells = modules.size + 2 * quiet;
  const scale = Math.floor((HEIGHT * 0.8) / cells);
  const left = Math.floor((WIDTH - cells * scale) / 2);
  const top = Math.floor((HEIGHT - cells * scale) / 2);

  const luma = Buffer.alloc(WIDTH * HEIGHT, 110); // a grey room around the code
  for (let y = 0; y < cells * scale; y++) {
    for (let x = 0; x < cells * scale; x++) {
      const row = Math.floor(y / scale) - quiet;
      const col = Math.floor(x / scale) - quiet;
      const inside = row >= 0 && col >= 0 && row < modules.size && col < modules.size;
      luma[(top + y) * WIDTH + left + x] = inside && modules.get(row, col) ? BLACK : WHITE;
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128); // U and V planes: no colour
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, frame, frame]));
}
