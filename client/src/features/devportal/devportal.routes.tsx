import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Splash } from '../../app/Splash';

// The developer portal loads on first use: none of it is in the initial bundle.
const DevAppsPage = lazy(() => import('./DevAppsPage'));
const DevAppPage = lazy(() => import('./DevAppPage'));

const page = (element: ReactNode) => <Suspense fallback={<Splash />}>{element}</Suspense>;

/** Full-screen developer portal pages (no tab bar), below the signed-in guard. */
export const devPortalRoutes: RouteObject[] = [
  { path: '/me/dev', element: page(<DevAppsPage />) },
  { path: '/me/dev/:appId', element: page(<DevAppPage />) },
];
