import type { Health } from '@app/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchHealth } from './me.api';

/** About: the server's version (from /api/health), with its storage setup as a tooltip. */
export function AboutRow() {
  const { t } = useTranslation();
  const [health, setHealth] = useState<Health | null | undefined>(undefined);

  useEffect(() => {
    let live = true;
    fetchHealth().then(
      (result) => live && setHealth(result),
      () => live && setHealth(null),
    );
    return () => {
      live = false;
    };
  }, []);

  const value =
    health === undefined ? '…' : health ? t('me.version', { version: health.version }) : t('me.versionUnknown');
  return (
    <div className="cell" title={health ? `db: ${health.db} · redis: ${health.redis ? 'on' : 'off'}` : undefined}>
      <span className="cell__label">{t('me.about')}</span>
      <span className="cell__value" data-testid="about-version">
        {value}
      </span>
    </div>
  );
}
