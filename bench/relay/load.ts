import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';

/**
 * Load generator (its own process, so it does not share the server's event loop). Clients are in pairs (i, i^1) and
 * send to their peer. `rate` 0 = closed loop (each client keeps one message in flight: maximum throughput);
 * otherwise an open loop at `rate` messages/s overall, measuring send → peer-delivery latency.
 */
interface Options {
  mode: 'raw' | 'app';
  port: number;
  clients: number;
  rate: number;
  seconds: number;
  usersFile?: string;
}
const [mode, port, clients, rate, seconds, usersFile] = process.argv.slice(2);
const opts: Options = {
  mode: mode as Options['mode'],
  port: Number(port),
  clients: Number(clients),
  rate: Number(rate),
  seconds: Number(seconds),
  usersFile,
};
const WARMUP_MS = 2000;
const url = `http://127.0.0.1:${opts.port}`;
const users = opts.usersFile
  ? (JSON.parse(readFileSync(opts.usersFile, 'utf8')) as Array<{ id: string; token: string; conversationId: string }>)
  : [];

const sockets: Socket[] = [];
let measuring = false;
let delivered = 0;
let acked = 0;
let errors = 0;
const latencies: number[] = [];

function onDelivery(sentAt: number): void {
  if (!measuring) return;
  delivered++;
  if (opts.rate > 0) latencies.push(performance.now() - sentAt);
}

async function connectAll(): Promise<void> {
  for (let start = 0; start < opts.clients; start += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, opts.clients - start) }, (_, k) => {
        const i = start + k;
        const auth = opts.mode === 'raw' ? { id: i } : { token: users[i]!.token };
        const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
        sockets[i] = socket;
        if (opts.mode === 'raw') socket.on('new', (p: { t: number }) => onDelivery(p.t));
        else
          socket.on('message:new', (e: { message: { senderId: string; body: { text: string } } }) => {
            if (e.message.senderId !== users[i]!.id) onDelivery(Number(e.message.body.text));
          });
        return new Promise<void>((resolve, reject) => {
          socket.once(opts.mode === 'raw' ? 'connect' : 'session:ready', () => resolve());
          socket.once('connect_error', reject);
        });
      }),
    );
  }
}

function send(i: number): Promise<void> {
  const t = performance.now();
  const socket = sockets[i]!;
  const done = (r: { ok: boolean }) => {
    if (!r?.ok) errors++;
    else if (measuring) acked++;
  };
  if (opts.mode === 'raw') {
    return socket
      .timeout(30_000)
      .emitWithAck('send', { to: String(i ^ 1), t, text: 'hello' })
      .then(done, () => void errors++);
  }
  const payload = {
    conversationId: users[i]!.conversationId,
    clientMsgId: randomUUID(),
    kind: 'text',
    body: { text: String(t) },
  };
  return socket
    .timeout(30_000)
    .emitWithAck('message:send', payload)
    .then(done, () => void errors++);
}

async function run(): Promise<void> {
  await connectAll();
  const end = performance.now() + WARMUP_MS + opts.seconds * 1000;
  setTimeout(() => (measuring = true), WARMUP_MS);
  if (opts.rate === 0) {
    await Promise.all(
      sockets.map(async (_, i) => {
        while (performance.now() < end) await send(i);
      }),
    );
  } else {
    const perTick = opts.rate / 100;
    let owed = 0;
    let next = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (performance.now() >= end) {
          clearInterval(timer);
          resolve();
          return;
        }
        owed += perTick;
        for (; owed >= 1; owed--) void send(next++ % opts.clients);
      }, 10);
    });
    await new Promise((r) => setTimeout(r, 1000)); // let in-flight deliveries land
  }
  measuring = false;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]! : 0;
  process.stdout.write(
    `${JSON.stringify({ delivered, acked, errors, perSecond: delivered / opts.seconds, p50: pct(50), p99: pct(99), samples: latencies.length })}\n`,
  );
  sockets.forEach((s) => s.close());
  process.exit(0);
}

run().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
