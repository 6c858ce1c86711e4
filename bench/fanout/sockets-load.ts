import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { io, type Socket } from 'socket.io-client';

/**
 * One of the load processes of the sockets benchmark: holds clients [from, to) (the relay benchmark's users file for
 * ours, plain ids for raw). Commands on stdin, one JSON line back each:
 * `connect` (in batches of BATCH; `{connected, failed, ms}`), `count` (`{open, disconnects, reasons}`),
 * `probe` (10 × client 0 sends to its peer 1, send → peer delivery; only the process holding 0 and 1), `quit`.
 */
const [mode, port, from, to, usersFile] = process.argv.slice(2);
const BATCH = Number(process.env.BENCH_CONNECT_BATCH ?? 100);
const url = `http://127.0.0.1:${port}`;
const users = usersFile
  ? (JSON.parse(readFileSync(usersFile, 'utf8')) as Array<{ id: string; token: string; conversationId: string }>)
  : [];
const sockets = new Map<number, Socket>();
const reasons = new Map<string, number>();
let disconnects = 0;
let onPeerDelivery: ((text: string) => void) | undefined;
const reply = (msg: object) => process.stdout.write(`${JSON.stringify(msg)}\n`);

function connectOne(i: number): Promise<boolean> {
  const auth = mode === 'raw' ? { id: i } : { token: users[i]!.token };
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.set(i, socket);
  socket.on('disconnect', (reason) => {
    disconnects++;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  });
  if (i === 1) {
    socket.on('new', (p: { text: string }) => onPeerDelivery?.(p.text));
    socket.on('message:new', (e: { message: { body: { text?: string } } }) =>
      onPeerDelivery?.(e.message.body.text ?? ''),
    );
  }
  return new Promise<boolean>((resolve) => {
    socket.once(mode === 'raw' ? 'connect' : 'session:ready', () => resolve(true));
    socket.once('connect_error', (err) => {
      reasons.set(`connect_error: ${err.message}`, (reasons.get(`connect_error: ${err.message}`) ?? 0) + 1);
      resolve(false);
    });
  });
}

async function connectAll(): Promise<void> {
  const t0 = performance.now();
  let connected = 0;
  for (let start = Number(from); start < Number(to); start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, Number(to) - start) }, (_, k) => connectOne(start + k));
    connected += (await Promise.all(batch)).filter(Boolean).length;
  }
  reply({ connected, failed: Number(to) - Number(from) - connected, ms: performance.now() - t0 });
}

/** Client 0 sends to client 1, one at a time; ms from send to the peer's delivery. */
async function probe(): Promise<void> {
  const a = sockets.get(0);
  const samples: number[] = [];
  for (let n = 0; n < 10 && a; n++) {
    const marker = randomUUID();
    const delivered = new Promise<void>((resolve) => {
      onPeerDelivery = (text) => text === marker && resolve();
    });
    const t0 = performance.now();
    const ack = () => undefined;
    if (mode === 'raw') void a.timeout(10_000).emitWithAck('send', { to: '1', t: t0, text: marker }).catch(ack);
    else
      void a
        .timeout(10_000)
        .emitWithAck('message:send', {
          conversationId: users[0]!.conversationId,
          clientMsgId: randomUUID(),
          kind: 'text',
          body: { text: marker },
        })
        .catch(ack);
    const timedOut = await Promise.race([
      delivered.then(() => false),
      new Promise((r) => setTimeout(() => r(true), 10_000)),
    ]);
    samples.push(timedOut ? Number.POSITIVE_INFINITY : performance.now() - t0);
  }
  reply({ probe: samples });
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim();
  if (command === 'connect') void connectAll();
  else if (command === 'count')
    reply({
      open: [...sockets.values()].filter((s) => s.connected).length,
      disconnects,
      reasons: Object.fromEntries(reasons),
    });
  else if (command === 'probe') void probe();
  else if (command === 'quit') {
    for (const s of sockets.values()) s.close();
    process.exit(0);
  }
});
reply({ ready: true });
