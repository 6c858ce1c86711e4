import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState';
import { EmptyChatsArt } from '../../ui/Icons';

export function ChatsPage() {
  const { t } = useTranslation();
  return <EmptyState art={<EmptyChatsArt />} title={t('chats.emptyTitle')} hint={t('chats.emptyHint')} />;
}
