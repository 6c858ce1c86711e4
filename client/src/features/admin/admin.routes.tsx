import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Splash } from '../../app/Splash';

const ReviewsPage = lazy(() => import('./ReviewsPage'));

/** Full-screen admin pages (no tab bar), below the signed-in guard; the server checks the role on every call. */
export const adminRoutes: RouteObject[] = [
  {
    path: '/me/reviews',
    element: (
      <Suspense fallback={<Splash />}>
        <ReviewsPage />
      </Suspense>
    ),
  },
];
