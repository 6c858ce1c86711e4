import {
  prepareZXingModule,
  purgeZXingModule,
  readBarcodes,
  type ReaderOptions,
  type ZXingModuleOverrides,
} from 'zxing-wasm/reader';
// Emitted by Vite into the client's own assets: the wasm comes from the host origin, never the library's default CDN.
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/**
 * The QR decoder: ZXing-C++ compiled to WebAssembly (zxing-wasm). Only ever loaded by a dynamic import when a scanner
 * opens, so neither this code nor its ~950 KB wasm weighs on the client's first load. Compiling the wasm needs
 * `'wasm-unsafe-eval'` in the host's script-src (server/src/app.ts).
 */
const overrides: ZXingModuleOverrides = {
  locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
};

const OPTIONS: ReaderOptions = { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 1 };

/** Fetches and compiles the wasm (the sheet starts this while the camera starts); rejects if it cannot load. */
export async function warmUp(): Promise<void> {
  try {
    await prepareZXingModule({ overrides, fireImmediately: true });
  } catch (err) {
    purgeZXingModule(); // the failed load is cached otherwise: the next scanner tries again
    throw err;
  }
}

/** The text of the first valid QR code in the picture, or null when there is none. */
export async function decodeQr(image: ImageData): Promise<string | null> {
  await warmUp();
  const [found] = await readBarcodes(image, OPTIONS);
  return found?.isValid && found.text ? found.text : null;
}
