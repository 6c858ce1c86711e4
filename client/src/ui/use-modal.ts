import { useEffect, useRef, type MouseEvent } from 'react';

/**
 * Drives a native modal <dialog> from an `open` prop: showModal() gives the focus trap, focus return and Esc for free.
 * Spread the result on the <dialog>; a click on the backdrop (the dialog element itself) closes it.
 *
 * @example const modal = useModal(open, onClose); return <dialog {...modal}>…</dialog>;
 */
export function useModal(open: boolean, onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return {
    ref,
    onClose,
    onClick: (event: MouseEvent<HTMLDialogElement>) => {
      if (event.target === ref.current) onClose();
    },
  };
}
