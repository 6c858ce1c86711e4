import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router-dom';
import { FriendsScreen, ScreenFallback } from './FriendsScreen';

// Every contacts screen is its own chunk: none of them (nor qrcode) weighs on the first load.
const ContactsPage = lazy(() => import('../contacts/ContactsPage').then((m) => ({ default: m.ContactsPage })));
const AddFriendPage = lazy(() => import('./AddFriendPage').then((m) => ({ default: m.AddFriendPage })));
const NewFriendsPage = lazy(() => import('./NewFriendsPage').then((m) => ({ default: m.NewFriendsPage })));
const InvitePage = lazy(() => import('./InvitePage').then((m) => ({ default: m.InvitePage })));
const FriendProfilePage = lazy(() => import('./FriendProfilePage').then((m) => ({ default: m.FriendProfilePage })));

/** The Contacts tab, rendered inside the tab shell. */
export const contactsTabRoute: RouteObject = {
  path: '/contacts',
  element: (
    <Suspense fallback={<ScreenFallback />}>
      <ContactsPage />
    </Suspense>
  ),
};

/** Screens pushed from the Contacts tab (full screen, with a back button). */
export const friendsScreenRoutes: RouteObject = {
  element: <FriendsScreen />,
  children: [
    { path: '/contacts/add', element: <AddFriendPage /> },
    { path: '/contacts/new', element: <NewFriendsPage /> },
    { path: '/contacts/invite', element: <InvitePage /> },
    { path: '/contacts/:userId', element: <FriendProfilePage /> },
  ],
};
