import { createServer, type Server } from 'node:net';

/** Listens on `port`, or — when that fails (taken, or not ours to bind) — on a port the OS picks. */
export async function listenOrAnyPort(server: Server, port: number, host: string): Promise<void> {
  const tryListen = (p: number) =>
    new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      server.once('error', onError);
      server.listen(p, host, () => {
        server.off('error', onError);
        resolve();
      });
    });
  try {
    await tryListen(port);
  } catch {
    await tryListen(0);
  }
}

/**
 * `port` when nothing listens on it now, else a free port the OS picks. For ports derived from PORT (a bundled
 * backend at PORT + its offset): another run on a nearby PORT may hold it — say PORT 3100, whose apps port is Hello's
 * 3101 of a run on 3000 — and a derived port only has to be free, not that number. Ports set explicitly are never
 * moved: they fail loudly instead.
 */
export async function portOrAny(port: number, host = '0.0.0.0'): Promise<number> {
  const probe = createServer();
  await listenOrAnyPort(probe, port, host);
  const chosen = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return chosen;
}
