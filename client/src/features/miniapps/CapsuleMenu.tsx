import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface CapsuleProps {
  onShare: () => void;
  onAbout: () => void;
  onPermissions: () => void;
  onClose: () => void;
}

/** WeChat's capsule at the right of a mini-program's title bar: ··· (menu) and ✕ (close). Host-drawn. */
export function Capsule({ onShare, onAbout, onPermissions, onClose }: CapsuleProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const away = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const esc = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    // A tap inside the iframe never reaches this document; the host window losing focus to it says the same.
    const blur = () => setOpen(false);
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', esc);
    window.addEventListener('blur', blur);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', esc);
      window.removeEventListener('blur', blur);
    };
  }, [open]);

  const item = (testId: string, label: string, action: () => void) => (
    <button
      type="button"
      role="menuitem"
      className="capsule-menu__item"
      data-testid={testId}
      onClick={() => {
        setOpen(false);
        action();
      }}
    >
      {label}
    </button>
  );

  return (
    <div className="capsule" ref={root}>
      <button
        type="button"
        className="capsule__button"
        aria-label={t('miniapp.more')}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        data-testid="miniapp-more"
      >
        <span aria-hidden="true">•••</span>
      </button>
      <span className="capsule__divider" aria-hidden="true" />
      <button
        type="button"
        className="capsule__button"
        aria-label={t('miniapp.close')}
        onClick={onClose}
        data-testid="miniapp-close"
      >
        <span className="capsule__ring" aria-hidden="true" />
      </button>
      {open && (
        <div className="capsule-menu" role="menu">
          {item('miniapp-menu-share', t('miniapp.menu.share'), onShare)}
          {item('miniapp-menu-about', t('miniapp.menu.about'), onAbout)}
          {item('miniapp-menu-permissions', t('miniapp.menu.permissions'), onPermissions)}
        </div>
      )}
    </div>
  );
}
