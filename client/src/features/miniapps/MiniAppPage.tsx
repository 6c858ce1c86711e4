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

/**
 * /apps/:appId?path=/page — a mini-program, full screen: the host's title bar and capsule over the sandboxed iframe.
 * `?preview=1[&version=]`: the developer's or a reviewer's look at an unreleased version, badged "Preview".
 */
export default function MiniAppPage() {
  const { appId = '' } = useParams();
  const [search] = useSearchParams();
  const path = search.get('path') ?? undefined;
  const preview = search.get('preview') === '1';
  const previewVersion = search.get('version') ?? undefined;
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
  // The page the person is on, as the app last reported it (`page.report`); until then, the page it was opened on.
  const currentPage = useRef(path ?? '/');

  useEffect(() => {
    let live = true;
    fetchLaunch(appId, { path, preview, version: previewVersion })
      .then((value) => live && setLaunch(value))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      menuShare.current?.abort();
    };
  }, [appId, path, preview, previewVersion]);

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
    setPage: (page) => {
      currentPage.current = page;
    },
  };
  const bridge = useHostBridge({ launch: launch, frame, dialogs, ui });

  /** ··· → Share: a card that opens the page the person is on, titled as the title bar is now. */
  function shareFromMenu(): void {
    if (!launch) return;
    const controller = new AbortController();
    menuShare.current = controller;
    const { app } = launch;
    const card = { appId: app.appId, title: (title || app.name).slice(0, 64), path: currentPage.current };
    void dialogs
      .open<boolean>(
        (finish) => (
          <SharePicker
            title={card.title}
            onSend={async (conversationId) => {
              await sendMiniAppCard(conversationId, card);
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
        {launch?.preview && (
          <span
            className="miniapp__badge"
            data-testid="miniapp-preview-badge"
            data-version={launch.version}
            title={t('miniapp.previewHint', { version: launch.version })}
          >
            {t('miniapp.preview')}
          </span>
        )}
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
