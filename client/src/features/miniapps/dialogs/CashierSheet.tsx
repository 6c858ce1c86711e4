import type { CashierOrder } from '@app/shared';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import PinSheet from '../../wallet/PinSheet';
import { newIdempotencyKey } from '../../wallet/wallet.api';
import { payOrder } from '../miniapps.api';
import { AppBadge } from './AppBadge';

interface CashierSheetProps {
  /** From GET /api/payments/orders/:orderId: the app, the description and the amount come only from here. */
  order: CashierOrder;
  onDone: (status: 'paid' | 'cancelled') => void;
}

/**
 * The host's cashier over the mini-program (payment.request). It lives in the host's DOM, a modal <dialog> that
 * makes the iframe inert, so nothing the app draws can press its buttons. One Idempotency-Key per opening of the
 * sheet: every PIN retry in it is the same payment attempt.
 */
export function CashierSheet({ order, onDone }: CashierSheetProps) {
  const { t } = useTranslation();
  const key = useRef(newIdempotencyKey());

  async function pay(pin: string): Promise<void> {
    await payOrder(order.orderId, pin, key.current);
    onDone('paid');
  }

  return (
    <PinSheet
      open
      title={t('miniapp.cashier.title')}
      purpose={order.description}
      amountFen={order.amountFen}
      pay={pay}
      onClose={() => onDone('cancelled')}
      testIds={{ sheet: 'cashier-sheet', close: 'cashier-cancel', amount: 'cashier-amount' }}
      details={
        <div className="cashier__details">
          <AppBadge
            appId={order.appId}
            name={order.appName}
            iconUrl={order.appIconUrl}
            size={32}
            testId="cashier-app"
          />
          <p className="pin-sheet__purpose" data-testid="cashier-description">
            {order.description}
          </p>
        </div>
      }
    />
  );
}
