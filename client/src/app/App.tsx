import { RouterProvider } from 'react-router-dom';
import { router } from './router';

/** The phone-width column (framed on wide screens) that every screen renders into. */
export function App() {
  return (
    <div className="frame">
      <RouterProvider router={router} />
    </div>
  );
}
