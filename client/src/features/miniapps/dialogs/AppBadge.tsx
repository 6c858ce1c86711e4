import { Avatar } from '../../../ui/Avatar';

interface AppBadgeProps {
  appId: string;
  name: string;
  iconUrl: string | null;
  size?: number;
  testId?: string;
}

/** The app's icon and name, as the host knows them (from the server, never from the iframe). */
export function AppBadge({ appId, name, iconUrl, size = 40, testId }: AppBadgeProps) {
  return (
    <span className="app-badge">
      <Avatar seed={appId} name={name} url={iconUrl} size={size} alt="" />
      <span className="app-badge__name" data-testid={testId}>
        {name}
      </span>
    </span>
  );
}
