import { REDPACKET_MAX_SHARES, REDPACKET_MAX_TOTAL_FEN, type RedPacketType } from '@app/shared';
import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../chat/PageHeader';
import { receiveMessages, useChat } from '../chat/chat.store';
import { AmountField } from '../wallet/AmountField';
import { formatFen, parseYuanToFen } from '../wallet/money';
import { newIdempotencyKey } from '../wallet/wallet.api';
import { createRedPacket } from './redpackets.api';
import { reloadRedPacket } from './redpackets.store';
import { SharesField } from './SharesField';
import '../chat/conversation.css';
import '../wallet/wallet.css';
import './redpackets.css';

const PinSheet = lazy(() => import('../wallet/PinSheet'));

const MAX_GREETING = 30;

interface Draft {
  type: RedPacketType;
  totalFen: number;
  shares: number;
  greeting: string;
  key: string;
}

/**
 * Send a red packet. A direct chat sends one fixed amount; a group chooses Lucky (the total, split at random) or
 * Equal (the amount EACH person gets — WeChat's 普通红包 — so the total is amount × shares).
 */
export default function RedPacketPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const chat = useChat();
  const conversation = chat.conversations[id];
  const group = conversation?.type === 'group';
  const [type, setType] = useState<'lucky' | 'equal'>('lucky');
  const [amount, setAmount] = useState('');
  const [sharesText, setSharesText] = useState('');
  const [greeting, setGreeting] = useState('');
  const [paying, setPaying] = useState<Draft | null>(null);
  const sent = useRef(false);

  if (chat.listLoaded && !conversation) return <Navigate to="/chats" replace />;

  const maxShares = group ? Math.min(REDPACKET_MAX_SHARES, conversation.memberCount) : 1;
  const shares = group ? Number(sharesText) || 0 : 1;
  const amountFen = parseYuanToFen(amount) ?? 0;
  const totalFen = group && type === 'equal' ? amountFen * shares : amountFen;
  const problem =
    totalFen > REDPACKET_MAX_TOTAL_FEN
      ? t('redpackets.errors.max')
      : shares > maxShares
        ? t('redpackets.errors.shares', { count: maxShares })
        : group && shares > 0 && amountFen > 0 && totalFen < shares
          ? t('redpackets.errors.perShare')
          : null;
  const valid = !!conversation && amountFen > 0 && shares >= 1 && !problem;

  async function pay(pin: string): Promise<void> {
    if (!paying || sent.current) return;
    const result = await createRedPacket(
      {
        conversationId: id,
        type: paying.type,
        totalFen: paying.totalFen,
        shares: paying.shares,
        greeting: paying.greeting,
        pin,
      },
      paying.key,
    );
    sent.current = true;
    receiveMessages([result.message]);
    void reloadRedPacket(result.packet.id);
    void navigate(`/chats/${id}`, { replace: true });
  }

  function submit(): void {
    if (!valid) return;
    setPaying({
      type: group ? type : 'single',
      totalFen,
      shares,
      greeting: greeting.trim() || t('redpackets.defaultGreeting'),
      key: newIdempotencyKey(),
    });
  }

  return (
    <div className="chat-page money-page money-page--red">
      <PageHeader title={t('redpackets.title')} back={`/chats/${id}`} />
      <form
        className="money-page__body money-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        {group && (
          <div className="segmented rp-type" role="group" aria-label={t('redpackets.type')}>
            {(['lucky', 'equal'] as const).map((option) => (
              <button
                key={option}
                type="button"
                className="segmented__option"
                aria-pressed={type === option}
                data-testid={`redpacket-type-${option}`}
                onClick={() => setType(option)}
              >
                {option === 'lucky' ? t('redpackets.lucky') : t('redpackets.equal')}
              </button>
            ))}
          </div>
        )}
        <AmountField
          label={group && type === 'equal' ? t('redpackets.amountEach') : t('redpackets.total')}
          value={amount}
          onChange={setAmount}
          testId="redpacket-total"
        />
        {group && (
          <SharesField value={sharesText} onChange={setSharesText} max={maxShares} members={conversation.memberCount} />
        )}
        <label className="money-form__line">
          <span className="visually-hidden">{t('redpackets.greeting')}</span>
          <input
            className="money-form__input"
            type="text"
            maxLength={MAX_GREETING}
            placeholder={t('redpackets.defaultGreeting')}
            value={greeting}
            data-testid="redpacket-greeting"
            onChange={(event) => setGreeting(event.target.value)}
          />
        </label>
        <p className="form-error" role="alert">
          {problem}
        </p>
        <p className="rp-total" data-testid="redpacket-sum">
          <span className="rp-total__currency">¥</span>
          {formatFen(totalFen)}
        </p>
        <button type="submit" className="btn btn--block rp-submit" disabled={!valid} data-testid="redpacket-submit">
          {t('redpackets.submit')}
        </button>
        <p className="money-page__hint">{t('redpackets.hint')}</p>
      </form>
      {paying && (
        <Suspense fallback={null}>
          <PinSheet
            open
            purpose={t('redpackets.label')}
            amountFen={paying.totalFen}
            pay={pay}
            onClose={() => setPaying(null)}
          />
        </Suspense>
      )}
    </div>
  );
}
