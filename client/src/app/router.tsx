import { createBrowserRouter, Navigate } from 'react-router-dom';
import { adminRoutes } from '../features/admin/admin.routes';
import { LoginPage } from '../features/auth/LoginPage';
import { RegisterPage } from '../features/auth/RegisterPage';
import { ChatsPage } from '../features/chat/ChatsPage';
import { chatRoutes } from '../features/chat/chat.routes';
import { devPortalRoutes } from '../features/devportal/devportal.routes';
import { DiscoverPage } from '../features/discover/DiscoverPage';
import { contactsTabRoute, friendsScreenRoutes } from '../features/friends/friends.routes';
import { MePage } from '../features/me/MePage';
import { miniAppRoutes } from '../features/miniapps/miniapps.routes';
import { walletRoutes } from '../features/wallet/wallet.routes';
import { AppLayout } from './AppLayout';
import { GuestOnly, RequireAuth } from './RouteGuards';

export const router = createBrowserRouter([
  {
    element: <GuestOnly />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/register', element: <RegisterPage /> },
    ],
  },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { path: '/chats', element: <ChatsPage /> },
          contactsTabRoute,
          { path: '/discover', element: <DiscoverPage /> },
          { path: '/me', element: <MePage /> },
        ],
      },
      friendsScreenRoutes,
      ...chatRoutes,
      ...walletRoutes,
      ...miniAppRoutes,
      ...devPortalRoutes,
      ...adminRoutes,
    ],
  },
  { path: '*', element: <Navigate to="/chats" replace /> },
]);
