import type { Merchant, WebhookDelivery } from '@app/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, formatSignedFen } from '../wallet/money';
import { fetchDeliveries, fetchMerchant } from './devportal.api';

/** The app's merchant account (balance, journal lines, newest first) and its recent webhook deliveries. */
export function MerchantSection({ appId }: { appId: string }) {
  const { t, i18n } = useTranslation();
  const [merchant, setMerchant] = useState<Merchant | null>(null);
  const [deliveries, setDeliveries] = useState<WebhookDelivery[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    fetchMerchant(appId).then(setMerchant, () => setFailed(true));
    fetchDeliveries(appId).then(setDeliveries, () => setFailed(true));
  }, [appId]);

  const [loadingMore, setLoadingMore] = useState(false);
  async function loadMore(cursor: string): Promise<void> {
    setLoadingMore(true);
    try {
      const next = await fetchMerchant(appId, cursor);
      setMerchant((shown) => shown && { ...next, lines: [...shown.lines, ...next.lines] });
    } catch {
      setFailed(true);
    } finally {
      setLoadingMore(false);
    }
  }

  const time = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
  return (
    <>
      <h2 className="dev-section">{t('devportal.merchant.title')}</h2>
      <div className="cell-group merchant">
        {failed && <p className="form-error dev-page__error">{t('errors.unknown')}</p>}
        <div className="cell">
          <span className="cell__label">{t('devportal.merchant.balance')}</span>
          <span className="merchant__balance" data-testid="merchant-balance">
            {merchant ? `¥${formatFen(merchant.balanceFen)}` : '…'}
          </span>
        </div>
        {merchant?.lines.length === 0 && <p className="merchant__empty">{t('devportal.merchant.noLines')}</p>}
        {merchant?.lines.map((line) => (
          <div key={line.id} className="cell merchant__line" data-testid="merchant-line" data-kind={line.kind}>
            <span className="merchant__main">
              <span className="merchant__memo">{line.memo ?? line.kind}</span>
              <time className="merchant__time" dateTime={line.createdAt}>
                {time(line.createdAt)}
              </time>
            </span>
            <span className={`merchant__amount ${line.amountFen > 0 ? 'merchant__amount--in' : ''}`}>
              {formatSignedFen(line.amountFen)}
            </span>
          </div>
        ))}
        {merchant?.nextCursor && (
          <button
            type="button"
            className="text-button merchant__more"
            disabled={loadingMore}
            onClick={() => void loadMore(merchant.nextCursor!)}
            data-testid="merchant-more"
          >
            {t('devportal.merchant.more')}
          </button>
        )}
      </div>
      <h2 className="dev-section">{t('devportal.merchant.webhooks')}</h2>
      <div className="cell-group merchant">
        {deliveries?.length === 0 && <p className="merchant__empty">{t('devportal.merchant.noWebhooks')}</p>}
        {deliveries?.map((d) => (
          <div key={d.eventId} className="cell merchant__line" data-testid="webhook-delivery" data-status={d.status}>
            <span className="merchant__main">
              <span className="merchant__memo">{d.type}</span>
              <span className="merchant__time">
                {time(d.createdAt)} · {t('devportal.merchant.attempts', { count: d.attempts })}
                {d.lastStatus !== null && ` · ${t('devportal.merchant.lastStatus', { status: d.lastStatus })}`}
              </span>
              {d.lastError && <span className="merchant__error">{d.lastError}</span>}
            </span>
            <span className={`webhook-status webhook-status--${d.status}`}>
              {t(`devportal.merchant.status.${d.status}`)}
            </span>
          </div>
        ))}
      </div>
    </>
  );
}
