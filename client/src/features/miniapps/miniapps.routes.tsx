import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Splash } from '../../app/Splash';

const PermissionsPage = lazy(() => import('./PermissionsPage'));

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
];
