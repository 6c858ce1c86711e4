import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState';
import { EmptyContactsArt } from '../../ui/Icons';

export function ContactsPage() {
  const { t } = useTranslation();
  return <EmptyState art={<EmptyContactsArt />} title={t('contacts.emptyTitle')} hint={t('contacts.emptyHint')} />;
}
