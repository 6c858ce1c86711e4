import type { StatementLine } from '@app/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../lib/store';
import { useMe } from '../auth/session.store';
import { listTime, nameOf } from '../chat/chat.format';
import { useChat } from '../chat/chat.store';
import { formatSignedFen } from './money';
import { fetchStatement } from './wallet.api';
import { walletVersion } from './wallet.store';

const KIND_KEYS = {
  topup: 'wallet.kinds.topup',
  transfer_hold: 'wallet.kinds.transfer_hold',
  transfer_release: 'wallet.kinds.transfer_release',
  transfer_refund: 'wallet.kinds.transfer_refund',
  redpacket_hold: 'wallet.kinds.redpacket_hold',
  redpacket_claim: 'wallet.kinds.redpacket_claim',
  redpacket_refund: 'wallet.kinds.redpacket_refund',
} as const;

/** Mini-program money: labelled with the app's name, which the server sends with the line (`line.app`). */
const APP_KIND_KEYS = {
  payment: 'wallet.kinds.payment',
  debit: 'wallet.kinds.debit',
  refund: 'wallet.kinds.refund',
} as const;

function isKnownKind(kind: string): kind is keyof typeof KIND_KEYS {
  return kind in KIND_KEYS;
}

/** Every movement, newest first, 20 at a time; reloads its first page whenever the server says money moved. */
export function Statement() {
  const { t, i18n } = useTranslation();
  const book = useChat();
  const me = useMe();
  const version = useStore(walletVersion);
  const [lines, setLines] = useState<StatementLine[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  // The first page: on open, after every push that money moved, and on "try again".
  useEffect(() => {
    let live = true;
    fetchStatement(null).then(
      (page) => {
        if (!live) return;
        setLines(page.lines);
        setCursor(page.nextCursor);
        setFailed(false);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [version, attempt]);

  async function loadMore(): Promise<void> {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await fetchStatement(cursor);
      setLines((prev) => [...(prev ?? []), ...page.lines]);
      setCursor(page.nextCursor);
    } catch {
      setFailed(true);
    } finally {
      setLoadingMore(false);
    }
  }

  function label(line: StatementLine): string {
    if (Object.hasOwn(APP_KIND_KEYS, line.kind)) {
      const kind = line.kind as keyof typeof APP_KIND_KEYS;
      return line.app ? t(APP_KIND_KEYS[kind], { name: line.app.name }) : t(`wallet.kinds.${kind}Unnamed`);
    }
    // My own packet's share names me, not "You".
    const name =
      line.counterpartyId === me.id
        ? me.displayName
        : line.counterpartyId
          ? nameOf(book, line.counterpartyId, t)
          : t('chats.someone');
    return isKnownKind(line.kind) ? t(KIND_KEYS[line.kind], { name }) : t('wallet.kinds.other');
  }

  return (
    <section className="statement" aria-labelledby="statement-title">
      <h2 id="statement-title" className="statement__title">
        {t('wallet.statement')}
      </h2>
      {lines && lines.length === 0 && <p className="statement__empty">{t('wallet.statementEmpty')}</p>}
      <ul className="statement__list">
        {lines?.map((line) => (
          <li
            key={line.id}
            className="statement__line"
            data-testid="statement-line"
            data-kind={line.kind}
            data-app-id={line.app?.appId}
          >
            <div className="statement__text">
              <p className="statement__kind">{label(line)}</p>
              <p className="statement__time">
                {listTime(line.createdAt, i18n.language, t)}
                {line.memo && line.kind !== 'topup' ? ` · ${line.memo}` : ''}
              </p>
            </div>
            <span
              className={`statement__amount ${line.amountFen > 0 ? 'statement__amount--in' : ''}`}
              data-testid="statement-amount"
            >
              {formatSignedFen(line.amountFen)}
            </span>
          </li>
        ))}
      </ul>
      <div className="statement__more">
        {loadingMore || (!lines && !failed) ? (
          <span className="spinner" aria-hidden="true" />
        ) : failed ? (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setFailed(false);
              if (lines && cursor) void loadMore();
              else setAttempt((n) => n + 1);
            }}
          >
            {t('common.retry')}
          </button>
        ) : (
          cursor && (
            <button type="button" className="link-button" data-testid="statement-more" onClick={() => void loadMore()}>
              {t('wallet.loadMore')}
            </button>
          )
        )}
      </div>
    </section>
  );
}
