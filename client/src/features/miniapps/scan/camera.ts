/** Why the camera is not showing: each has its own message in the sheet, and each offers the image fallback. */
export type CameraProblem = 'denied' | 'none' | 'insecure' | 'failed';

/**
 * The host page's camera, rear-facing when there is one. Only the host page ever calls this: the mini-program's
 * iframe has no camera permission (`allow=""`, and the host's Permissions-Policy keeps `camera=(self)`).
 */
export async function openCamera(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError(window.isSecureContext ? 'none' : 'insecure');
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
    });
  } catch (err) {
    throw new CameraError(cameraProblem(err));
  }
}

export class CameraError extends Error {
  constructor(readonly problem: CameraProblem) {
    super(`camera: ${problem}`);
    this.name = 'CameraError';
  }
}

/** getUserMedia's DOMException names → what the person can do about it. */
export function cameraProblem(err: unknown): CameraProblem {
  const name = typeof err === 'object' && err !== null ? (err as { name?: unknown }).name : undefined;
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'none';
    default:
      return 'failed';
  }
}

/** Turns the camera off (the light goes out): every track of the stream. */
export function stopCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
