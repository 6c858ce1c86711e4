import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { GroupIcon, PlusCircleIcon } from './chat.icons';

/** The "+" in the Chats title bar (WeChat's top-right menu): New group. */
export function ChatsPlusMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  return (
    <div className="chats-plus" ref={ref}>
      <button
        type="button"
        className="icon-button"
        aria-label={t('chats.more')}
        aria-expanded={open}
        data-testid="chats-plus"
        onClick={() => setOpen((v) => !v)}
      >
        <PlusCircleIcon />
      </button>
      {open && (
        <div className="popover-menu" role="menu">
          <Link to="/chats/new-group" className="popover-menu__item" role="menuitem" data-testid="new-group">
            <GroupIcon />
            {t('chats.newGroup')}
          </Link>
        </div>
      )}
    </div>
  );
}
