import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../chat/PageHeader';
import { Statement } from './Statement';
import { SetPinFlow } from './SetPinFlow';
import { formatFen } from './money';
import { refreshWallet, useWallet } from './wallet.store';
import '../chat/conversation.css';
import './wallet.css';

const TopupSheet = lazy(() => import('./TopupSheet'));

/** Me → Wallet: the balance, top-up, the payment PIN and every movement of money. */
export default function WalletPage() {
  const { t, i18n } = useTranslation();
  const wallet = useWallet();
  const [failed, setFailed] = useState(false);
  const [sheet, setSheet] = useState<'topup' | 'pin' | null>(null);
  const [pinSaved, setPinSaved] = useState(false);

  useEffect(() => {
    refreshWallet().catch(() => setFailed(true));
  }, []);

  useEffect(() => {
    if (!pinSaved) return;
    const timer = setTimeout(() => setPinSaved(false), 3000);
    return () => clearTimeout(timer);
  }, [pinSaved]);

  // The server only reports a lock that is still running.
  const lockedUntil = wallet?.lockedUntil ? new Date(wallet.lockedUntil) : null;
  return (
    <div className="chat-page wallet-page">
      <PageHeader title={t('wallet.title')} back="/me" />
      {pinSaved && (
        <p className="toast" role="status" data-testid="pin-saved">
          {t('wallet.pin.saved')}
        </p>
      )}
      <div className="wallet-page__body">
        {lockedUntil && (
          <p className="wallet-lock" role="alert" data-testid="wallet-locked">
            {t('wallet.lockedBanner', {
              time: new Intl.DateTimeFormat(i18n.language, {
                hour: '2-digit',
                minute: '2-digit',
                hourCycle: 'h23',
              }).format(lockedUntil),
            })}
          </p>
        )}
        <section className="wallet-card">
          <p className="wallet-card__label">{t('wallet.balance')}</p>
          <p className="wallet-card__balance">
            <span className="wallet-card__currency">¥</span>
            <span data-testid="wallet-balance">
              {wallet ? formatFen(wallet.balanceFen) : failed ? '—' : <span className="spinner" />}
            </span>
          </p>
          <button
            type="button"
            className="btn wallet-card__topup"
            disabled={!wallet}
            data-testid="wallet-topup"
            onClick={() => setSheet('topup')}
          >
            {t('wallet.topup')}
          </button>
        </section>
        <div className="cell-group">
          <button
            type="button"
            className="cell cell--link"
            disabled={!wallet}
            data-testid="wallet-set-pin"
            data-has-pin={wallet ? String(wallet.hasPin) : undefined}
            onClick={() => setSheet('pin')}
          >
            <span className="cell__label">{wallet?.hasPin ? t('wallet.changePin') : t('wallet.setPin')}</span>
            <span className="cell__value">{wallet && !wallet.hasPin ? t('wallet.pinNotSet') : ''}</span>
          </button>
        </div>
        <Statement />
      </div>
      {sheet === 'topup' && (
        <Suspense fallback={null}>
          <TopupSheet open onClose={() => setSheet(null)} />
        </Suspense>
      )}
      {sheet === 'pin' && wallet && (
        <SetPinFlow
          open
          hasPin={wallet.hasPin}
          onClose={() => setSheet(null)}
          onDone={() => {
            setSheet(null);
            setPinSaved(true);
            void refreshWallet().catch(() => undefined);
          }}
        />
      )}
    </div>
  );
}
