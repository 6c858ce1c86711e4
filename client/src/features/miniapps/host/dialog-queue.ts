import { BridgeError } from '@app/shared/bridge';
import type { ReactNode } from 'react';
import { createStore, type Store } from '../../../lib/store';

/** How a dialog answers: `finish` once with the value the waiting bridge call resolves with. */
export type DialogRender<T> = (finish: (value: T) => void) => ReactNode;

export interface DialogEntry {
  id: number;
  /** The dialog, its answer already wired. */
  view: () => ReactNode;
}

export interface DialogQueue {
  /** Waiting dialogs, the first one on screen. */
  store: Store<readonly DialogEntry[]>;
  /**
   * Shows a host dialog once those before it are answered: one at a time, so a mini-program cannot stack prompts.
   * Rejects with BridgeError('cancelled') when `signal` aborts (the bridge was disposed), and the dialog goes away.
   */
  open<T>(render: DialogRender<T>, signal: AbortSignal): Promise<T>;
}

const cancelled = () => new BridgeError('cancelled', 'The mini-program was closed');

export function createDialogQueue(): DialogQueue {
  const store = createStore<readonly DialogEntry[]>([]);
  let next = 1;
  const remove = (id: number) => store.set(store.get().filter((e) => e.id !== id));

  return {
    store,
    open<T>(render: DialogRender<T>, signal: AbortSignal): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (signal.aborted) return reject(cancelled());
        const id = next++;
        let settled = false;
        const onAbort = () => {
          if (settled) return;
          settled = true;
          remove(id);
          reject(cancelled());
        };
        const finish = (value: T) => {
          if (settled) return;
          settled = true;
          signal.removeEventListener('abort', onAbort);
          remove(id);
          resolve(value);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        store.set([...store.get(), { id, view: () => render(finish) }]);
      });
    },
  };
}
