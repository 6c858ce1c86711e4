import type { Wallet } from '@app/shared';
import { onSocketConnect, type AppSocket } from '../../lib/socket';
import { createStore, useStore } from '../../lib/store';
import { fetchWallet } from './wallet.api';

/** The signed-in user's wallet as last seen (null until fetched); `wallet:updated` keeps the balance live. */
export const walletStore = createStore<Wallet | null>(null);

export function useWallet(): Wallet | null {
  return useStore(walletStore);
}

/** Bumped on every server push, so an open statement knows to reload its first page. */
export const walletVersion = createStore(0);

export async function refreshWallet(): Promise<Wallet> {
  const wallet = await fetchWallet();
  walletStore.set(wallet);
  return wallet;
}

/** A fresh wallet from a money call of ours (a top-up): the balance and the statement both move. */
export function walletChanged(wallet: Wallet): void {
  walletStore.set(wallet);
  walletVersion.set(walletVersion.get() + 1);
}

export function setBalance(balanceFen: number): void {
  const current = walletStore.get();
  if (current && current.balanceFen !== balanceFen) walletStore.set({ ...current, balanceFen });
  walletVersion.set(walletVersion.get() + 1);
}

const bound = new WeakSet<AppSocket>();

onSocketConnect((socket) => {
  if (!bound.has(socket)) {
    bound.add(socket);
    socket.on('wallet:updated', ({ balanceFen }) => setBalance(balanceFen));
  }
  // Whatever moved while we were away: one fetch on every (re)connect, once the wallet has been looked at.
  if (walletStore.get()) void refreshWallet().catch(() => undefined);
});
