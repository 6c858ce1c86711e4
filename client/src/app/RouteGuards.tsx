import { Navigate, Outlet, useLocation, type Location } from 'react-router-dom';
import { useSession } from '../features/auth/session.store';
import { Splash } from './Splash';

/** Only signed-in users pass; others go to /login and, unless they just logged out, come back afterwards. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'restoring') return <Splash />;
  if (session.status === 'anonymous') {
    const state = session.reason === 'logout' ? undefined : { from: location };
    return <Navigate to="/login" replace state={state} />;
  }
  return <Outlet />;
}

/** Login and registration are for signed-out users; signed-in users go where they were headed, or to Chats. */
export function GuestOnly() {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'restoring') return <Splash />;
  if (session.status === 'authenticated') {
    const from = (location.state as { from?: Location } | null)?.from;
    const target = from && from.pathname !== '/login' && from.pathname !== '/register' ? from : '/chats';
    return <Navigate to={target} replace />;
  }
  return <Outlet />;
}
