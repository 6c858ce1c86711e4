import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';

/**
 * Fan-out load (its own process): per group, 500 receiving sockets (ours: the owner's second device and the 499
 * members; raw: 500 room members) and one sending socket. Each sender posts `rate` messages/s for `seconds` after a
 * 2 s warm-up; every receiver records send → `message:new` delivery. Sender and receivers share this process, so one
 * clock. Prints one JSON line: deliveries, expected, percentiles, ack percentiles, errors.
 */
const [mode, port, groupsArg, rateArg, secondsArg, groupsFile] = process.argv.slice(2);
const groups = Number(groupsArg);
const rate = Number(rateArg);
const seconds = Number(secondsArg);
const WARMUP_MS = 2000;
const url = `http://127.0.0.1:${port}`;
type Group = {
  conversationId: string;
  sender: { id: string; token: string };
  members: Array<{ id: string; token: string }>;
};
const file: Group[] = groupsFile ? (JSON.parse(readFileSync(groupsFile, 'utf8')) as Group[]) : [];

const latencies: number[] = [];
const acks: number[] = [];
let errors = 0;
let measureFrom = Number.POSITIVE_INFINITY;
let sent = 0;

function record(text: unknown): void {
  const t = Number(text);
  if (Number.isFinite(t) && t >= measureFrom) latencies.push(performance.now() - t);
}

function connect(auth: object): Promise<Socket> {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  socket.on('new', (e: { message: { body: { text?: string } } }) => record(e.message.body.text));
  socket.on('message:new', (e: { message: { kind: string; body: { text?: string } } }) => {
    if (e.message.kind === 'text') record(e.message.body.text);
  });
  return new Promise((resolve, reject) => {
    socket.once(mode === 'raw' ? 'connect' : 'session:ready', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Receivers in batches of 100, then the sender; returns the sending sockets, one per group. */
async function connectGroup(g: number): Promise<Socket> {
  const auths =
    mode === 'raw'
      ? Array.from({ length: 500 }, (_, k) => ({ id: `${g}-${k}`, group: g }))
      : [file[g]!.sender, ...file[g]!.members].map((u) => ({ token: u.token }));
  for (let i = 0; i < auths.length; i += 100) await Promise.all(auths.slice(i, i + 100).map(connect));
  return connect(mode === 'raw' ? { id: `${g}-sender`, group: g } : { token: file[g]!.sender.token });
}

function send(socket: Socket, g: number, seq: number): void {
  const t = performance.now();
  const text = String(t);
  const done = (r: { ok: boolean }) => {
    if (!r?.ok) errors++;
    else if (t >= measureFrom) acks.push(performance.now() - t);
  };
  const fail = () => void errors++;
  if (t >= measureFrom) sent++;
  if (mode === 'raw') {
    // The same event shape ours delivers: { message: Message }.
    const message = {
      id: randomUUID(),
      conversationId: randomUUID(),
      seq,
      senderId: randomUUID(),
      clientMsgId: randomUUID(),
      kind: 'text',
      body: { text },
      createdAt: new Date().toISOString(),
      recalledAt: null,
    };
    socket.timeout(30_000).emitWithAck('send', { group: g, event: { message } }).then(done, fail);
    return;
  }
  socket
    .timeout(30_000)
    .emitWithAck('message:send', {
      conversationId: file[g]!.conversationId,
      clientMsgId: randomUUID(),
      kind: 'text',
      body: { text },
    })
    .then(done, fail);
}

async function run(): Promise<void> {
  const senders: Socket[] = [];
  for (let g = 0; g < groups; g++) senders.push(await connectGroup(g));
  await new Promise((r) => setTimeout(r, 1000));
  const start = performance.now();
  measureFrom = start + WARMUP_MS;
  const end = measureFrom + seconds * 1000;
  let seq = 0;
  await new Promise<void>((resolve) => {
    // Groups take turns within each period, so their sends do not coincide.
    senders.forEach((socket, g) => {
      setTimeout(
        () => {
          const timer = setInterval(() => {
            if (performance.now() >= end) {
              clearInterval(timer);
              if (g === senders.length - 1) resolve();
              return;
            }
            send(socket, g, ++seq);
          }, 1000 / rate);
        },
        (g * 1000) / rate / groups,
      );
    });
  });
  await new Promise((r) => setTimeout(r, 3000)); // stragglers
  latencies.sort((a, b) => a - b);
  acks.sort((a, b) => a - b);
  const pct = (xs: number[], p: number) =>
    xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : 0;
  process.stdout.write(
    `${JSON.stringify({
      result: true,
      sent,
      deliveries: latencies.length,
      expected: sent * 500,
      p50: pct(latencies, 50),
      p95: pct(latencies, 95),
      p99: pct(latencies, 99),
      max: latencies.at(-1) ?? 0,
      ackP50: pct(acks, 50),
      ackP99: pct(acks, 99),
      errors,
    })}\n`,
  );
  process.exit(0);
}

run().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
