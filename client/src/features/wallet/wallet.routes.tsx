import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Splash } from '../../app/Splash';

// Money pages load on first use: none of them is in the initial bundle.
const WalletPage = lazy(() => import('./WalletPage'));
const TransferPage = lazy(() => import('../transfers/TransferPage'));
const RedPacketPage = lazy(() => import('../redpackets/RedPacketPage'));

const page = (element: ReactNode) => <Suspense fallback={<Splash />}>{element}</Suspense>;

/** Full-screen wallet, transfer and red-packet pages (no tab bar), below the signed-in guard. */
export const walletRoutes: RouteObject[] = [
  { path: '/me/wallet', element: page(<WalletPage />) },
  { path: '/chats/:id/transfer', element: page(<TransferPage />) },
  { path: '/chats/:id/redpacket', element: page(<RedPacketPage />) },
];
