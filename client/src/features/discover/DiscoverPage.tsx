import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState';
import { EmptyDiscoverArt } from '../../ui/Icons';

export function DiscoverPage() {
  const { t } = useTranslation();
  return <EmptyState art={<EmptyDiscoverArt />} title={t('discover.emptyTitle')} hint={t('discover.emptyHint')} />;
}
