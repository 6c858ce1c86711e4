import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';

const MAX_SIDE = 160;

/** An image message: the thumbnail at its aspect ratio; a tap opens the full image over everything. */
export function ImageContent({ body, alt }: { body: Record<string, unknown>; alt: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const url = typeof body.url === 'string' ? body.url : '';
  const thumb = typeof body.thumbUrl === 'string' ? body.thumbUrl : url;
  const w = typeof body.width === 'number' && body.width > 0 ? body.width : MAX_SIDE;
  const h = typeof body.height === 'number' && body.height > 0 ? body.height : MAX_SIDE;
  const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
  const width = Math.max(40, Math.round(w * scale));
  const height = Math.max(40, Math.round(h * scale));
  return (
    <>
      <button type="button" className="bubble__image-button" onClick={() => setOpen(true)} data-testid="message-image">
        <img className="bubble__image" src={thumb} alt={alt} width={width} height={height} />
      </button>
      {open &&
        createPortal(
          <div
            className="image-viewer"
            role="dialog"
            aria-label={alt}
            data-testid="image-viewer"
            onClick={() => setOpen(false)}
          >
            <img src={url} alt={alt} />
            <button type="button" className="image-viewer__close" aria-label={t('chats.closeImage')}>
              ×
            </button>
          </div>,
          document.querySelector('.frame') ?? document.body,
        )}
    </>
  );
}
