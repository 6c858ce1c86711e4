import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

/**
 * The fan-out baseline: bare socket.io, no auth, no storage, no validation. A client joins its user room and, when
 * `handshake.auth.group` is set, that group's room; `send` is broadcast to the group room (all but the sending
 * socket, as ours excludes the origin socket) and acked.
 */
const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });
io.on('connection', (socket) => {
  void socket.join(`u:${String(socket.handshake.auth.id)}`);
  if (socket.handshake.auth.group !== undefined) void socket.join(`g:${String(socket.handshake.auth.group)}`);
  socket.on('send', (payload: { group: number; event: unknown }, ack: (r: unknown) => void) => {
    socket.to(`g:${payload.group}`).emit('new', payload.event);
    ack({ ok: true });
  });
});
httpServer.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ ready: true, port: (httpServer.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => io.close(() => process.exit(0)));
