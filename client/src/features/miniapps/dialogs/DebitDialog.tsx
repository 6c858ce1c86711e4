import type { MiniApp } from '@app/shared';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmActions, Dialog } from '../../../ui/Dialog';
import PinSheet from '../../wallet/PinSheet';
import { formatFen } from '../../wallet/money';
import { newIdempotencyKey } from '../../wallet/wallet.api';
import { signAgreement } from '../miniapps.api';
import { AppBadge } from './AppBadge';

interface DebitDialogProps {
  app: MiniApp;
  monthlyLimitFen: number;
  description: string;
  onDone: (result: { status: 'signed'; agreementId: string } | { status: 'cancelled' }) => void;
}

/** payment.signDebitAgreement: what the app may charge without a PIN each month, confirmed, then the PIN. */
export function DebitDialog({ app, monthlyLimitFen, description, onDone }: DebitDialogProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState<'confirm' | 'pin'>('confirm');
  const key = useRef(newIdempotencyKey());
  const cancel = () => onDone({ status: 'cancelled' });

  async function sign(pin: string): Promise<void> {
    const agreementId = await signAgreement({ appId: app.appId, monthlyLimitFen, description, pin }, key.current);
    onDone({ status: 'signed', agreementId });
  }

  if (step === 'pin') {
    return (
      <PinSheet
        open
        purpose={t('miniapp.debit.pinPurpose', { name: app.name })}
        amountFen={monthlyLimitFen}
        pay={sign}
        onClose={cancel}
      />
    );
  }
  return (
    <Dialog
      open
      title={t('miniapp.debit.title')}
      onClose={cancel}
      testId="debit-dialog"
      className="host-dialog"
      actions={
        <ConfirmActions
          label={t('miniapp.debit.confirm')}
          onConfirm={() => setStep('pin')}
          onCancel={cancel}
          testId="debit-confirm"
          cancelTestId="debit-cancel"
        />
      }
    >
      <AppBadge appId={app.appId} name={app.name} iconUrl={app.iconUrl} />
      <p className="host-dialog__lead">{description}</p>
      <p className="host-dialog__scope" data-testid="debit-limit">
        {t('miniapp.debit.limit', { amount: formatFen(monthlyLimitFen) })}
      </p>
      <p className="host-dialog__hint">{t('miniapp.debit.hint')}</p>
    </Dialog>
  );
}
