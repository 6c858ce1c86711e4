import { SCAN_TEXT_MAX } from '@app/shared/bridge';
import { useCallback, useEffect, useRef, useState } from 'react';
import { CameraError, openCamera, stopCamera, type CameraProblem } from './camera';
import { grabFrame, imageFromFile } from './frames';
// Types only: the module itself is loaded by the dynamic import below, never up front.
import type * as QrDecoder from './qr-decoder';

export type CameraState = 'starting' | 'live' | CameraProblem;
/** What went wrong with the last attempt (shown under the viewfinder). */
export type ScanProblem = 'noCode' | 'badImage' | 'tooLong' | 'decoder';

/** Pause between two decodes of live frames (a decode itself takes some 10–40 ms). */
const SCAN_INTERVAL_MS = 120;

type Decoder = typeof QrDecoder;
let decoder: Promise<Decoder> | null = null;

/** The decoder and its wasm, loaded on first use by a dynamic import; a failed load is tried again next time. */
function loadDecoder(): Promise<Decoder> {
  decoder ??= import('./qr-decoder')
    .then(async (module) => {
      await module.warmUp();
      return module;
    })
    .catch((err: unknown) => {
      decoder = null;
      throw err;
    });
  return decoder;
}

/**
 * The scanner behind the sheet: starts the camera (and loads the decoder meanwhile), decodes live frames until one
 * holds a QR code, and decodes a chosen image on demand. `onText` runs once, with the first usable text; the camera
 * is off again when the component unmounts.
 */
export function useScanner(onText: (text: string) => void) {
  const video = useRef<HTMLVideoElement>(null);
  const [camera, setCamera] = useState<CameraState>('starting');
  const [problem, setProblem] = useState<ScanProblem | null>(null);
  const [reading, setReading] = useState(false);
  const done = useRef(false);
  const onTextRef = useRef(onText);
  useEffect(() => {
    onTextRef.current = onText;
  });

  /** true when the text was taken (or a text already was); false when it cannot be handed over. */
  const found = useCallback((text: string): boolean => {
    if (done.current) return true;
    if (text.length > SCAN_TEXT_MAX) {
      setProblem('tooLong');
      return false;
    }
    done.current = true;
    onTextRef.current(text);
    return true;
  }, []);

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const canvas = document.createElement('canvas');
    const decoding = loadDecoder();
    decoding.catch(() => !stopped && setProblem('decoder'));

    const scan = async (decodeQr: Decoder['decodeQr']) => {
      if (stopped || done.current) return;
      const frame = video.current && grabFrame(video.current, canvas);
      const text = frame ? await decodeQr(frame).catch(() => null) : null;
      if (stopped || (text && found(text))) return;
      timer = setTimeout(() => void scan(decodeQr), SCAN_INTERVAL_MS);
    };

    const start = async () => {
      try {
        stream = await openCamera();
      } catch (err) {
        if (!stopped) setCamera(err instanceof CameraError ? err.problem : 'failed');
        return;
      }
      const element = video.current;
      if (stopped || !element) return stopCamera(stream);
      element.srcObject = stream;
      await element.play().catch(() => undefined); // muted inline video: allowed to play without a gesture
      if (stopped) return;
      setCamera('live');
      const ready = await decoding.catch(() => null);
      if (ready) void scan(ready.decodeQr);
    };

    void start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stopCamera(stream);
    };
  }, [found]);

  const chooseImage = useCallback(
    async (file: File) => {
      setReading(true);
      setProblem(null);
      try {
        const ready = await loadDecoder().catch(() => null);
        if (!ready) return setProblem('decoder');
        const image = await imageFromFile(file).catch(() => null);
        if (!image) return setProblem('badImage');
        const text = await ready.decodeQr(image).catch(() => null);
        if (!text) return setProblem('noCode');
        found(text);
      } finally {
        setReading(false);
      }
    },
    [found],
  );

  return { video, camera, problem, reading, chooseImage };
}
