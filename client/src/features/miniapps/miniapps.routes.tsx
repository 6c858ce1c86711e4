import { lazy, Suspense } from 'react';
import { useLocation, useParams, type RouteObject } from 'react-router-dom';
import { Splash } from '../../app/Splash';

const PermissionsPage = lazy(() => import('./PermissionsPage'));
const MiniAppPage = lazy(() => import('./MiniAppPage'));

/** A new app or page is a new launch: a fresh page, iframe and bridge. */
function MiniAppRoute() {
  const { appId = '' } = useParams();
  const { search } = useLocation();
  return <MiniAppPage key={`${appId}${search}`} />;
}

/** Full-screen mini-program pages (no tab bar), below the signed-in guard. */
export const miniAppRoutes: RouteObject[] = [
  {
    path: '/me/permissions',
    element: (
      <Suspense fallback={<Splash />}>
        <PermissionsPage />
      </Suspense>
    ),
  },
  {
    path: '/apps/:appId',
    element: (
      <Suspense fallback={<Splash />}>
        <MiniAppRoute />
      </Suspense>
    ),
  },
];
