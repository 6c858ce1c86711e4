import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Splash } from '../../app/Splash';

// Kept out of the initial bundle: only the Chats list loads with the app.
const ConversationPage = lazy(() => import('./ConversationPage'));
const GroupInfoPage = lazy(() => import('./GroupInfoPage'));
const NewGroupPage = lazy(() => import('./NewGroupPage'));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Splash />}>{children}</Suspense>;
}

/** Full-screen chat pages (no tab bar), below the signed-in guard. */
export const chatRoutes: RouteObject[] = [
  {
    path: '/chats/new-group',
    element: (
      <Lazy>
        <NewGroupPage />
      </Lazy>
    ),
  },
  {
    path: '/chats/:id',
    element: (
      <Lazy>
        <ConversationPage />
      </Lazy>
    ),
  },
  {
    path: '/chats/:id/info',
    element: (
      <Lazy>
        <GroupInfoPage />
      </Lazy>
    ),
  },
];
