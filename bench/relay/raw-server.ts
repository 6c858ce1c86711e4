import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

/**
 * The baseline: a bare socket.io relay — no auth, no storage, no validation. Each client joins its own room; `send`
 * is relayed to the peer's room and acked.
 */
const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });
io.on('connection', (socket) => {
  const id = String(socket.handshake.auth.id);
  void socket.join(`u:${id}`);
  socket.on('send', (payload: { to: string; t: number; text: string }, ack: (r: unknown) => void) => {
    io.to(`u:${payload.to}`).emit('new', payload);
    ack({ ok: true });
  });
});
httpServer.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ ready: true, port: (httpServer.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => io.close(() => process.exit(0)));
