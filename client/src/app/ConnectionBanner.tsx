import { useTranslation } from 'react-i18next';
import { connectionState } from '../lib/socket';
import { useStore } from '../lib/store';

/**
 * WeChat-style connection hint: a thin bar while the realtime socket is down, nothing when it is up.
 * The element is always present so tests (and assistive tech) can read `data-state`.
 */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const raw = useStore(connectionState);
  const state = raw === 'idle' ? 'connecting' : raw;
  const visible = state !== 'connected';
  return (
    <div
      className={`connection-banner connection-banner--${state}`}
      data-testid="connection-state"
      data-state={state}
      role="status"
      aria-live="polite"
    >
      {visible && (
        <span className="connection-banner__text">
          {state === 'connecting' && <span className="spinner" aria-hidden="true" />}
          {t(`connection.${state}`)}
        </span>
      )}
    </div>
  );
}
