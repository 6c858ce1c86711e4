import type { MiniApp } from '@app/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Avatar } from '../../ui/Avatar';

/** One mini-program in the directory: icon, name, description, category. */
export function AppRow({ app }: { app: MiniApp }) {
  const { t } = useTranslation();
  return (
    <li>
      <Link to={`/apps/${app.appId}`} className="discover-app" data-testid="discover-app" data-app-id={app.appId}>
        <Avatar seed={app.appId} name={app.name} url={app.iconUrl} size={44} alt="" />
        <span className="discover-app__main">
          <span className="discover-app__top">
            <span className="discover-app__name">{app.name}</span>
            <span className="discover-app__category">{t(`devportal.categories.${app.category}`)}</span>
          </span>
          {app.description && <span className="discover-app__description">{app.description}</span>}
        </span>
      </Link>
    </li>
  );
}

/** A recently used app: a round icon with its name under it. */
export function RecentApp({ app }: { app: MiniApp }) {
  return (
    <li>
      <Link
        to={`/apps/${app.appId}`}
        className="discover-recent__app"
        data-testid="discover-recent-app"
        data-app-id={app.appId}
      >
        <Avatar seed={app.appId} name={app.name} url={app.iconUrl} size={48} alt="" />
        <span className="discover-recent__name">{app.name}</span>
      </Link>
    </li>
  );
}
