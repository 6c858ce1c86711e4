import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState';
import { EmptyDiscoverArt } from '../../ui/Icons';
import { useMe } from '../auth/session.store';
import { PageHeader } from '../chat/PageHeader';
import { decide, fetchReviews, type Review } from './admin.api';
import { AppsSection } from './AppsSection';
import { AuditLog } from './AuditLog';
import { ReasonDialog } from './ReasonDialog';
import { ReviewRow } from './ReviewRow';
import { useAdminAction } from './use-admin-action';
import '../chat/conversation.css';
import '../devportal/devportal.css';
import '../devportal/versions.css';
import './admin.css';

const TABS = ['reviews', 'apps', 'audit'] as const;
type Tab = (typeof TABS)[number];
const TAB_KEYS = { reviews: 'reviews.tabReviews', apps: 'reviews.tabApps', audit: 'reviews.tabAudit' } as const;

/**
 * Me → Review mini-programs (admins): versions waiting for review (approve, or reject with a reason); every app
 * (suspend with a reason, resume); and the audit log of these actions.
 */
export default function ReviewsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const isAdmin = me.role === 'admin';
  const [reviews, setReviews] = useState<Review[] | null>(null);
  const { pending, error, fail, run } = useAdminAction();
  const [rejecting, setRejecting] = useState<Review | null>(null);
  const [tab, setTab] = useState<Tab>('reviews');

  const reload = useCallback(async () => {
    setReviews(await fetchReviews());
  }, []);

  useEffect(() => {
    if (isAdmin) fetchReviews().then(setReviews, fail);
  }, [isAdmin, fail]);

  const act = (review: Review, decision: 'approve' | 'reject', why?: string) =>
    run(async () => {
      await decide(review, decision, why);
      await reload();
    });

  return (
    <div className="chat-page dev-page">
      <PageHeader title={t('reviews.title')} back="/me" />
      <div className="dev-page__body">
        {!isAdmin && <EmptyState art={<EmptyDiscoverArt />} title={t('reviews.title')} hint={t('reviews.notAdmin')} />}
        {error && (
          <p className="form-error dev-page__error" role="alert">
            {error}
          </p>
        )}
        {isAdmin && (
          <div className="admin-tabs">
            <div className="segmented" role="group" aria-label={t('reviews.title')}>
              {TABS.map((name) => (
                <button
                  key={name}
                  type="button"
                  className="segmented__option"
                  aria-pressed={tab === name}
                  data-testid={`admin-tab-${name}`}
                  onClick={() => setTab(name)}
                >
                  {t(TAB_KEYS[name])}
                </button>
              ))}
            </div>
          </div>
        )}
        {isAdmin && tab === 'apps' && <AppsSection />}
        {isAdmin && tab === 'audit' && <AuditLog />}
        {tab === 'reviews' && isAdmin && reviews === null && !error && <span className="spinner" />}
        {tab === 'reviews' && reviews?.length === 0 && (
          <EmptyState art={<EmptyDiscoverArt />} title={t('reviews.emptyTitle')} hint={t('reviews.emptyHint')} />
        )}
        {tab === 'reviews' && reviews && reviews.length > 0 && (
          <div className="cell-group">
            {reviews.map((review) => (
              <ReviewRow
                key={`${review.app.appId}/${review.version.version}`}
                review={review}
                pending={pending}
                onApprove={() => void act(review, 'approve')}
                onReject={() => setRejecting(review)}
              />
            ))}
          </div>
        )}
      </div>
      <ReasonDialog
        open={rejecting !== null}
        title={t('reviews.rejectTitle', { version: rejecting?.version.version ?? '' })}
        label={t('reviews.reason')}
        pending={pending}
        submitLabel={t('reviews.reject')}
        pendingLabel={t('reviews.rejecting')}
        onSubmit={(why) => act(rejecting!, 'reject', why)}
        onClose={() => setRejecting(null)}
        testIds={{ input: 'review-reason', submit: 'review-reject-confirm', error: 'review-reason-error' }}
      />
    </div>
  );
}
