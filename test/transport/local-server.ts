/** Starts throwaway HTTP/HTTPS servers on 127.0.0.1 for the transport tests and records what they received. */
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsServerOptions } from 'node:https';
import { spawn } from 'node:child_process';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';

/** One request as the server saw it. */
export interface ReceivedRequest {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  /** Header names and values in wire order, as sent. */
  rawHeaders: string[];
  body: Buffer;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, body: Buffer) => void;

export interface LocalServer {
  /** Base URL, e.g. `http://127.0.0.1:45678`. */
  origin: string;
  /** A service URL on this server. */
  url: string;
  port: number;
  received: ReceivedRequest[];
  /** TCP connections accepted so far. */
  connections: () => number;
  /** Errors the TLS layer reported (for example a rejected client certificate). */
  tlsErrors: Error[];
  close: () => Promise<void>;
}

/** Answers every request with a tiny SOAP-looking 200. */
export const okHandler: Handler = (_request, response) => {
  response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
  response.end('<ok/>');
};

/** Starts a plain HTTP server. */
export function startHttpServer(handler: Handler = okHandler): Promise<LocalServer> {
  return listen(createHttpServer(), handler, 'http');
}

/** Starts an HTTPS server (pass `requestCert`/`rejectUnauthorized`/`ca` for mutual TLS). */
export function startHttpsServer(options: HttpsServerOptions, handler: Handler = okHandler): Promise<LocalServer> {
  return listen(createHttpsServer(options), handler, 'https');
}

async function listen(server: Server, handler: Handler, scheme: 'http' | 'https'): Promise<LocalServer> {
  const received: ReceivedRequest[] = [];
  const tlsErrors: Error[] = [];
  let connections = 0;
  server.on('connection', () => connections++);
  server.on('tlsClientError', (error: Error) => tlsErrors.push(error));
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ method: request.method, url: request.url, headers: request.headers, rawHeaders: request.rawHeaders, body });
      handler(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `${scheme}://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/vipuserservices/QueryService_1_8`,
    port,
    received,
    connections: () => connections,
    tlsErrors,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A TCP server that answers with fixed bytes. */
export interface RawServer {
  /** A service URL on this server. */
  url: string;
  close: () => Promise<void>;
}

/**
 * Starts a TCP server that answers the first bytes of every connection with `answer`, written as is, and then closes
 * it: for answers that are not valid HTTP. Pass `null` to close the connection at once instead, without answering.
 */
export async function startRawServer(answer: string | Buffer | null, scheme: 'http' | 'https' = 'http'): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', () => {
      if (answer === null) socket.destroy();
      else socket.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}/vipuserservices/QueryService_1_8`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A running `openssl s_server`. */
export interface OpensslServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * Starts `openssl s_server` on 127.0.0.1 with the given arguments (files relative to `cwd`). Unlike Node's HTTPS
 * server, which refuses an unverifiable client certificate by closing the socket after the handshake, OpenSSL answers
 * with the TLS alert a production server sends.
 */
export async function startOpensslServer(args: string[], cwd: string): Promise<OpensslServer> {
  const port = await freePort();
  const child = spawn('openssl', ['s_server', '-accept', `127.0.0.1:${port}`, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ACCEPT')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`openssl s_server exited with ${String(code)}`)));
  });
  return {
    url: `https://127.0.0.1:${port}/vipuserservices/QueryService_1_8`,
    close: async () => {
      child.kill();
      await exited;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createTcpServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
