import { createContext, useContext, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/** The element at the right end of the shell's title bar; set by AppLayout once it has rendered. */
export const NavbarSlot = createContext<HTMLElement | null>(null);

/**
 * Puts a tab page's actions (WeChat's top-right "+") into the shell's title bar.
 *
 * @example <NavbarActions><ChatsPlusMenu /></NavbarActions>
 */
export function NavbarActions({ children }: { children: ReactNode }) {
  const slot = useContext(NavbarSlot);
  return slot ? createPortal(children, slot) : null;
}
