import type { MiniApp } from '@app/shared';
import type { ResultOf } from '@app/shared/bridge';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Svg } from '../../../ui/Icons';
import { useModal } from '../../../ui/use-modal';
import { AppBadge } from '../dialogs/AppBadge';
import { useScanner } from './use-scanner';
import './scan.css';

interface ScanSheetProps {
  /** The app as the host knows it (from the launch), never as the iframe describes itself. */
  app: MiniApp;
  /** The app's own line under its name (≤ 64 characters, plain text). */
  hint?: string;
  onDone: (result: ResultOf<'scan.code'>) => void;
}

function ImageIcon() {
  return (
    <Svg>
      <rect x="3.5" y="4.5" width="17" height="15" rx="2" />
      <circle cx="9" cy="10" r="1.6" />
      <path d="M4 17.5l5-4.5 3.5 3 3-2.5 4.5 4" />
    </Svg>
  );
}

/**
 * scan.code: the host's own scanner, full screen over the mini-program (a modal <dialog>, so the iframe is inert).
 * The camera runs in the host page; the app gets only the decoded text. When there is no camera, or the browser
 * refused it, the sheet says so and the person can still choose a picture of the code.
 */
export function ScanSheet({ app, hint, onDone }: ScanSheetProps) {
  const { t } = useTranslation();
  const cancel = () => onDone({ status: 'cancelled' });
  const modal = useModal(true, cancel);
  const titleId = useId();
  const file = useRef<HTMLInputElement>(null);
  const { video, camera, problem, reading, chooseImage } = useScanner((text) => onDone({ status: 'scanned', text }));

  return (
    <dialog
      {...modal}
      className="scan-sheet"
      aria-labelledby={titleId}
      data-testid="scan-sheet"
      data-camera={camera}
      data-problem={problem ?? undefined}
    >
      <header className="scan-sheet__head">
        <button
          type="button"
          className="scan-sheet__close"
          aria-label={t('common.cancel')}
          onClick={cancel}
          data-testid="scan-cancel"
        >
          ×
        </button>
        <h2 id={titleId} className="scan-sheet__title">
          {t('miniapp.scan.title')}
        </h2>
      </header>
      <div className="scan-sheet__for">
        <AppBadge appId={app.appId} name={app.name} iconUrl={app.iconUrl} size={24} testId="scan-app" />
        {hint && (
          <p className="scan-sheet__hint" data-testid="scan-hint">
            {hint}
          </p>
        )}
      </div>
      <div className="scan-sheet__viewfinder" data-state={camera}>
        <video ref={video} className="scan-sheet__video" muted playsInline data-testid="scan-video" />
        {camera === 'live' ? (
          <span className="scan-sheet__line" aria-hidden="true" />
        ) : (
          <p className="scan-sheet__note" role="status" data-testid="scan-camera-note">
            {t(`miniapp.scan.camera.${camera}`)}
          </p>
        )}
      </div>
      <p className="scan-sheet__aim">{camera === 'live' ? t('miniapp.scan.aim') : ''}</p>
      <p className="scan-sheet__problem" role="alert" data-testid="scan-problem">
        {problem ? t(`miniapp.scan.problem.${problem}`) : ''}
      </p>
      <button
        type="button"
        // Without a live camera the picture is the way to scan: the button says so by its colour.
        className={
          camera === 'live' || camera === 'starting'
            ? 'scan-sheet__image'
            : 'scan-sheet__image scan-sheet__image--primary'
        }
        onClick={() => file.current?.click()}
        disabled={reading}
        data-testid="scan-choose-image"
      >
        <ImageIcon />
        {reading ? t('miniapp.scan.reading') : t('miniapp.scan.chooseImage')}
      </button>
      <input
        ref={file}
        type="file"
        accept="image/*"
        hidden
        data-testid="scan-file"
        onChange={(event) => {
          const chosen = event.target.files?.[0];
          event.target.value = ''; // choosing the same file again still fires
          if (chosen) void chooseImage(chosen);
        }}
      />
    </dialog>
  );
}
