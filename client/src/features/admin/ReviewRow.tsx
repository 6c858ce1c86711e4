import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { previewLink } from '../miniapps/miniapps.links';
import type { Review } from './admin.api';

interface ReviewRowProps {
  review: Review;
  pending: boolean;
  onApprove: () => void;
  onReject: () => void;
}

/** One version waiting for review: the app, its version and the scopes its manifest asks for. */
export function ReviewRow({ review: { app, version }, pending, onApprove, onReject }: ReviewRowProps) {
  const { t } = useTranslation();
  const scopes = version.manifest.scopes.map((s) => t(`permissions.scopes.${s}`)).join(t('devportal.listSeparator'));
  return (
    <div className="dev-version" data-testid="review-row" data-app-id={app.appId} data-version={version.version}>
      <div className="dev-version__head">
        <span className="dev-version__number">{app.name}</span>
        <span className="dev-badge dev-badge--in_review">{t('reviews.version', { version: version.version })}</span>
      </div>
      <p className="dev-version__meta">
        {app.appId} · {t(`devportal.categories.${app.category}`)}
      </p>
      <p className="dev-version__meta" data-testid="review-scopes">
        {scopes ? t('reviews.scopes', { scopes }) : t('reviews.noScopes')}
      </p>
      <div className="dev-version__actions">
        <button
          type="button"
          className="btn btn--primary btn--small"
          disabled={pending}
          onClick={onApprove}
          data-testid="review-approve"
        >
          {t('reviews.approve')}
        </button>
        <Link
          to={previewLink(app.appId, version.version)}
          className="btn btn--small dev-secondary"
          data-testid="review-open"
        >
          {t('reviews.open')}
        </Link>
        <button
          type="button"
          className="btn btn--small dev-secondary dev-danger"
          disabled={pending}
          onClick={onReject}
          data-testid="review-reject"
        >
          {t('reviews.reject')}
        </button>
      </div>
    </div>
  );
}
