import type { Launch } from '@app/shared';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../ui/Dialog';
import { AppBadge } from './AppBadge';

interface AboutDialogProps {
  launch: Launch;
  onClose: () => void;
}

/** ··· → About: the app as the platform registered it. */
export function AboutDialog({ launch, onClose }: AboutDialogProps) {
  const { t } = useTranslation();
  const { app } = launch;
  return (
    <Dialog
      open
      title={t('miniapp.about.title')}
      onClose={onClose}
      testId="about-dialog"
      className="host-dialog"
      actions={
        <button
          type="button"
          className="dialog__action dialog__action--primary"
          onClick={onClose}
          data-testid="about-ok"
        >
          {t('miniapp.about.ok')}
        </button>
      }
    >
      <AppBadge appId={app.appId} name={app.name} iconUrl={app.iconUrl} size={56} testId="about-name" />
      {app.description && (
        <p className="host-dialog__lead" data-testid="about-description">
          {app.description}
        </p>
      )}
      <p className="host-dialog__hint">
        {t(`devportal.categories.${app.category}`)} ·{' '}
        <span data-testid="about-version">{t('miniapp.about.version', { version: launch.version })}</span>
      </p>
    </Dialog>
  );
}
