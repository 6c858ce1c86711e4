import type { MiniApp } from '@app/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState';
import { EmptyDiscoverArt } from '../../ui/Icons';
import { AppRow, RecentApp } from './AppRow';
import { fetchDirectory, fetchRecent } from './discover.api';
import './discover.css';

const DEBOUNCE_MS = 250;

/** The Discover tab: search the mini-program directory, the recently used row, every published app. */
export function DiscoverPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [apps, setApps] = useState<MiniApp[] | null>(null);
  const [recent, setRecent] = useState<MiniApp[]>([]);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    fetchRecent().then(setRecent, () => setRecent([]));
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(
      () => {
        fetchDirectory(query, controller.signal).then(
          (list) => {
            setFailed(false);
            setApps(list);
          },
          (err: unknown) => {
            if (!(err instanceof DOMException && err.name === 'AbortError')) setFailed(true);
          },
        );
      },
      query ? DEBOUNCE_MS : 0,
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const searching = query.trim() !== '';
  return (
    <div className="discover">
      <label className="discover__search">
        <span className="visually-hidden">{t('discover.search')}</span>
        <input
          type="search"
          className="discover__input"
          placeholder={t('discover.search')}
          value={query}
          maxLength={50}
          onChange={(event) => setQuery(event.target.value)}
          data-testid="discover-search"
        />
      </label>
      {!searching && recent.length > 0 && (
        <section className="discover-recent" data-testid="discover-recent">
          <h2 className="discover__heading">{t('discover.recent')}</h2>
          <ul className="discover-recent__list">
            {recent.map((app) => (
              <RecentApp key={app.appId} app={app} />
            ))}
          </ul>
        </section>
      )}
      {failed && (
        <p className="form-error discover__error" role="alert">
          {t('errors.unknown')}
        </p>
      )}
      {apps === null && !failed && <span className="spinner discover__spinner" />}
      {apps?.length === 0 &&
        (searching ? (
          <EmptyState
            art={<EmptyDiscoverArt />}
            title={t('discover.noResultsTitle')}
            hint={t('discover.noResultsHint')}
          />
        ) : (
          <EmptyState art={<EmptyDiscoverArt />} title={t('discover.emptyTitle')} hint={t('discover.emptyHint')} />
        ))}
      {apps && apps.length > 0 && (
        <section className="discover-all">
          {!searching && <h2 className="discover__heading">{t('discover.all')}</h2>}
          <ul className="discover-list" data-testid="discover-list">
            {apps.map((app) => (
              <AppRow key={app.appId} app={app} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
