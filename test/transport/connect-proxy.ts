/** A minimal HTTP or HTTPS CONNECT proxy on 127.0.0.1 that records the tunnels it was asked for. */
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** One CONNECT request as the proxy saw it. */
export interface Tunnel {
  target: string;
  authorization: string | undefined;
}

export interface ConnectProxyOptions {
  /** Makes it an HTTPS proxy with this certificate (and chain) and key. */
  tls?: { cert: string; key: string };
  /** Answers every CONNECT with this status (and `reason`) instead of opening the tunnel. */
  refuseWith?: { status: number; reason: string };
}

export interface ConnectProxy {
  port: number;
  /** The proxy's URL, with `credentials` (`user:password`) in it when given. */
  url: (credentials?: string) => string;
  tunnels: Tunnel[];
  close: () => Promise<void>;
}

export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const tunnels: Tunnel[] = [];
  const sockets = new Set<Socket>();
  const proxy: Server = options.tls === undefined ? createHttpServer() : createHttpsServer(options.tls);
  proxy.on('connect', (request: IncomingMessage, clientSocket: Socket, head: Buffer) => {
    tunnels.push({ target: String(request.url), authorization: request.headers['proxy-authorization'] });
    track(clientSocket);
    const { refuseWith } = options;
    if (refuseWith !== undefined) {
      clientSocket.end(`HTTP/1.1 ${refuseWith.status} ${refuseWith.reason}\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const [host, port] = String(request.url).split(':');
    const upstream = connect(Number(port), host, () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    track(upstream);
  });
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  };
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const { port } = proxy.address() as AddressInfo;
  const scheme = options.tls === undefined ? 'http' : 'https';
  return {
    port,
    url: (credentials) => `${scheme}://${credentials === undefined ? '' : `${credentials}@`}127.0.0.1:${port}`,
    tunnels,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
}
