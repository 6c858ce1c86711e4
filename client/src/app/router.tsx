import { createBrowserRouter, Navigate } from 'react-router-dom';
import { LoginPage } from '../features/auth/LoginPage';
import { RegisterPage } from '../features/auth/RegisterPage';
import { ChatsPage } from '../features/chat/ChatsPage';
import { ContactsPage } from '../features/contacts/ContactsPage';
import { DiscoverPage } from '../features/discover/DiscoverPage';
import { MePage } from '../features/me/MePage';
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
          { path: '/contacts', element: <ContactsPage /> },
          { path: '/discover', element: <DiscoverPage /> },
          { path: '/me', element: <MePage /> },
        ],
      },
    ],
  },
  { path: '*', element: <Navigate to="/chats" replace /> },
]);
