/**
 * The retry matrix over a real HTTP server: every operation against every kind of failure, counting what reaches
 * the server. Reads (the Query service) may be sent again; nothing that checks a code, sends a push or a message,
 * or changes state is ever sent twice, whatever the failure.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OperationName, VipClient, VipError } from 'vip-user-services';
import { OPERATIONS } from '../../src/generated/operations.js';
import { callOperation, OPERATION_SAMPLES } from '../helpers/operation-samples.js';
import { requestIdOf, soapFault, vipResponse } from '../helpers/soap-fixtures.js';

type Failure =
  | '503'
  | '503 with a SOAP Fault'
  | '502'
  | '504'
  | 'VIP 6005'
  | 'reset before the request'
  | 'reset after the request'
  | 'timeout';

const FAILURES: readonly Failure[] = [
  '503',
  '503 with a SOAP Fault',
  '502',
  '504',
  'VIP 6005',
  'reset before the request',
  'reset after the request',
  'timeout',
];
const MAX_ATTEMPTS = 3;

let server: Server;
let url: string;
let failure: Failure = '503';
let requests = 0;
let connections = 0;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests++;
      const body = Buffer.concat(chunks).toString('utf8');
      const element = /<vip:(\w+)Request>/.exec(body)?.[1] as string;
      const xml = { 'content-type': 'text/xml; charset=utf-8' };
      switch (failure) {
        case '503':
        case '502':
        case '504':
          response.writeHead(Number(failure), { 'content-type': 'text/html' }).end('<html><body>Try again later</body></html>');
          return;
        case '503 with a SOAP Fault':
          response.writeHead(503, xml).end(soapFault('S:Server', 'Service temporarily unavailable'));
          return;
        case 'VIP 6005':
          response
            .writeHead(200, xml)
            .end(vipResponse(`${element}Response`, requestIdOf(body), '', { status: '6005', statusMessage: 'Internal error' }));
          return;
        case 'reset after the request':
          request.socket.destroy();
          return;
        case 'timeout':
          return;
        case 'reset before the request':
          throw new Error('unreachable: the connection is closed on accept');
      }
    });
  });
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (failure === 'reset before the request') socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const operations = Object.keys(OPERATIONS) as OperationName[];

describe.each(operations)('%s', (name) => {
  const idempotent = OPERATIONS[name].idempotent;

  it.each(FAILURES)(`after "%s" reaches the server ${idempotent ? MAX_ATTEMPTS : 1} time(s)`, async (kind) => {
    failure = kind;
    requests = 0;
    connections = 0;
    const vip = new VipClient({
      endpoint: url,
      timeoutMs: kind === 'timeout' ? 40 : 5000,
      retry: { maxAttempts: MAX_ATTEMPTS, baseDelayMs: 1, maxDelayMs: 2 },
    });
    try {
      const error = await callOperation(vip, name, OPERATION_SAMPLES[name]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VipError);
      expect(error).toMatchObject({ attempts: idempotent ? MAX_ATTEMPTS : 1, retryable: true });
      // A connection closed on accept never delivers a request; what is counted then is how often the SDK tried.
      const reached = kind === 'reset before the request' ? connections : requests;
      expect(reached).toBe(idempotent ? MAX_ATTEMPTS : 1);
    } finally {
      await vip.close();
      for (const socket of sockets) socket.destroy();
    }
  });
});
