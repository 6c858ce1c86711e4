import type { Launch } from '@app/shared';
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useStore } from '../../lib/store';
import { Capsule } from './CapsuleMenu';
import { AboutDialog } from './dialogs/AboutDialog';
import { SharePicker } from './dialogs/SharePicker';
import { createDialogQueue } from './host/dialog-queue';
import type { HostUi, MainButtonState } from './host/handlers';
import { sendMiniAppCard } from './host/share';
import { useHostBridge } from './host/use-host-bridge';
import { fetchLaunch } from './miniapps.api';
import './miniapp.css';

const TOAST_MS = 2000;
/** Exactly this: scripts, its own origin's storage (the origin differs from ours), forms. Nothing else. */
const SANDBOX = 'allow-scripts allow-same-origin allow-forms';

/** /apps/:appId?path=/page — a mini-program, full screen: the host's title bar and capsule over the sandboxed iframe. */
export default function MiniAppPage() {
  const { appId = '' } = useParams();
  const [search] = useSearchParams();
  const path = search.get('path') ?? undefined;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const frame = useRef<HTMLIFrameElement>(null);
  const dialogs = useMemo(() => createDialogQueue(), []);
  const queue = useStore(dialogs.store);
  const [launch, setLaunch] = useState<Launch | null>(null);
  const [failed, setFailed] = useState(false);
  const [title, setTitle] = useState<string | null>(null);
  const [mainButton, setMainButton] = useState<MainButtonState>({ text: '', visible: false, enabled: true });
  const [toast, setToast] = useState<{ text: string; kind: string; at: number } | null>(null);
  const [about, setAbout] = useState(false);
  const menuShare = useRef<AbortController | null>(null);

  useEffect(() => {
    let live = true;
    fetchLaunch(appId, path)
      .then((value) => live && setLaunch(value))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      menuShare.current?.abort();
    };
  }, [appId, path]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  // The iframe's own navigations (hash routing) add entries to the tab's joint history: step back over them too.
  const historyAtMount = useRef(window.history.length);
  const close = () => {
    if (location.key === 'default') return void navigate('/discover', { replace: true });
    const added = Math.max(0, window.history.length - historyAtMount.current);
    void navigate(-(1 + added));
  };

  const ui: HostUi = {
    setTitle: (next) => setTitle(next),
    setMainButton,
    toast: (text, kind) => setToast({ text, kind, at: Date.now() }),
    close,
    openApp: (other, page) => void navigate(`/apps/${other}${page ? `?${new URLSearchParams({ path: page })}` : ''}`),
  };
  const bridge = useHostBridge({ launch: launch, frame, dialogs, ui });

  function shareFromMenu(): void {
    if (!launch) return;
    const controller = new AbortController();
    menuShare.current = controller;
    const { app } = launch;
    void dialogs
      .open<boolean>(
        (finish) => (
          <SharePicker
            title={app.name}
            onSend={async (conversationId) => {
              await sendMiniAppCard(conversationId, { appId: app.appId, title: app.name, path: '/' });
              finish(true);
            }}
            onCancel={() => finish(false)}
          />
        ),
        controller.signal,
      )
      .then((shared) => shared && ui.toast(t('miniapp.share.done'), 'success'))
      .catch(() => undefined);
  }

  const state = failed ? 'error' : bridge.state;
  const shownTitle = title || launch?.app.name || '';
  return (
    <div className="miniapp" data-testid="miniapp-page" data-state={state} data-app-id={appId}>
      <header className="miniapp__bar">
        <h1 className="miniapp__title" data-testid="miniapp-title">
          {shownTitle}
        </h1>
        <Capsule
          onShare={shareFromMenu}
          onAbout={() => launch && setAbout(true)}
          onPermissions={() => void navigate('/me/permissions', { state: { fromApp: appId } })}
          onClose={close}
        />
      </header>
      <div className="miniapp__body">
        {failed && (
          <p className="miniapp__error" role="alert">
            {t('miniapp.loadFailed')}
          </p>
        )}
        {!failed && state === 'loading' && <span className="spinner miniapp__spinner" aria-label={t('app.loading')} />}
        {launch && (
          <iframe
            ref={frame}
            className="miniapp__frame"
            title={shownTitle}
            src={launch.url}
            sandbox={SANDBOX}
            // The host reads the location (location.get) and scans codes with its own camera (scan.code) and hands over
            // only the answer: the frame needs no browser permission at all, so none is delegated (DESIGN §6
            // `allow=""`; the host's Permissions-Policy `camera=(self)` would refuse a delegation anyway).
            allow=""
            referrerPolicy="no-referrer"
            data-testid="miniapp-frame"
            onLoad={bridge.onFrameLoad}
          />
        )}
        {toast && (
          <p className="miniapp__toast" role="status" data-testid="miniapp-toast" data-kind={toast.kind}>
            {toast.text}
          </p>
        )}
      </div>
      {mainButton.visible && (
        <div className="miniapp__main">
          <button
            type="button"
            className="btn btn--primary btn--block"
            disabled={!mainButton.enabled}
            onClick={() => bridge.emit('mainButton.clicked', {})}
            data-testid="miniapp-main-button"
          >
            {mainButton.text}
          </button>
        </div>
      )}
      {queue[0] && <Fragment key={queue[0].id}>{queue[0].view()}</Fragment>}
      {about && launch && <AboutDialog launch={launch} onClose={() => setAbout(false)} />}
    </div>
  );
}
