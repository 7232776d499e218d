/**
 * Behaviour every `Transport` must share, run against plain HTTP servers on 127.0.0.1: what goes on the wire, what
 * comes back, deadlines, aborts, broken connections and the response size cap.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  VipAbortError,
  VipConfigurationError,
  VipConnectionError,
  VipProtocolError,
  VipTimeoutError,
} from '../../src/errors/request-errors.js';
import type { Transport } from '../../src/transport/transport.js';
import { type Handler, type LocalServer, startHttpServer } from './local-server.js';
import { answerOf, SAMPLE_ENVELOPE, soapRequest, textOf } from './soap-request.js';

const MiB = 1024 * 1024;
/** Loose upper bound for "promptly": timing is never asserted tightly. */
const GENEROUS_FACTOR = 5;

/** Options the contract passes to the factory. */
export interface ContractTransportOptions {
  userAgent?: string;
}

/**
 * Registers the shared transport tests.
 * @param makeTransport Builds the transport under test; it is closed after each test.
 */
export function describeTransportContract(name: string, makeTransport: (options: ContractTransportOptions) => Transport): void {
  describe(`${name}: shared transport behaviour`, () => {
    const servers: LocalServer[] = [];
    const transports: Transport[] = [];

    const server = async (handler?: Handler): Promise<LocalServer> => {
      const started = await startHttpServer(handler);
      servers.push(started);
      return started;
    };
    const transport = (options: ContractTransportOptions = {}): Transport => {
      const created = makeTransport(options);
      transports.push(created);
      return created;
    };
    const failure = async (promise: Promise<unknown>): Promise<unknown> =>
      promise.then(
        () => {
          throw new Error('expected the send to fail');
        },
        (error: unknown) => error,
      );

    afterEach(async () => {
      await Promise.all(transports.splice(0).map((created) => created.close()));
      await Promise.all(servers.splice(0).map((started) => started.close()));
    });
    afterAll(async () => {
      await Promise.all(servers.splice(0).map((started) => started.close()));
    });

    it('POSTs exactly the envelope bytes with the SOAP 1.1 headers', async () => {
      const local = await server();
      await transport({ userAgent: 'vip-user-services/9.9.9 node/test' }).send(soapRequest(local.url));
      const [received] = local.received;
      expect(received?.method).toBe('POST');
      expect(received?.url).toBe('/vipuserservices/QueryService_1_8');
      expect(received?.body.equals(Buffer.from(SAMPLE_ENVELOPE, 'utf8'))).toBe(true);
      expect(received?.headers).toMatchObject({
        'content-type': 'text/xml; charset=utf-8',
        soapaction: '""',
        accept: 'text/xml',
        'user-agent': 'vip-user-services/9.9.9 node/test',
        'content-length': String(Buffer.byteLength(SAMPLE_ENVELOPE, 'utf8')),
      });
      const raw = received?.rawHeaders ?? [];
      expect(raw[raw.findIndex((header) => header.toLowerCase() === 'soapaction') + 1]).toBe('""');
    });

    it('sends a default user-agent naming the package and the Node version', async () => {
      const local = await server();
      await transport().send(soapRequest(local.url));
      expect(local.received[0]?.headers['user-agent']).toBe(`vip-user-services node/${process.version}`);
    });

    it('returns any HTTP status with its content type and body instead of throwing', async () => {
      const local = await server((_request, response) => {
        response.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' });
        response.end('<soap:Fault/>');
      });
      const response = await transport().send(soapRequest(local.url));
      expect(answerOf(response)).toEqual({ status: 500, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: '<soap:Fault/>' });
    });

    it('returns the body bytes exactly as sent, even when multi-byte characters straddle chunks', async () => {
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<name>Zoë – 東京</name>', 'utf8')]);
      const local = await server((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/xml' });
        // One byte at a time, so every multi-byte character is cut in the middle.
        const writeFrom = (index: number): void => {
          if (index === bytes.length) {
            response.end();
            return;
          }
          response.write(bytes.subarray(index, index + 1), () => writeFrom(index + 1));
        };
        writeFrom(0);
      });
      const response = await transport().send(soapRequest(local.url));
      expect(Buffer.from(response.body as Uint8Array).equals(bytes)).toBe(true);
      expect(response.headers['content-type']).toBe('text/xml');
    });

    it('accepts a body of exactly maxResponseBytes', async () => {
      const local = await server((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end('x'.repeat(1000));
      });
      const response = await transport().send(soapRequest(local.url, { maxResponseBytes: 1000 }));
      expect(textOf(response)).toHaveLength(1000);
    });

    it('times out with VipTimeoutError when the server never answers', async () => {
      const local = await server(() => {
        /* never answers */
      });
      const timeoutMs = 200;
      const started = performance.now();
      const error = await failure(transport().send(soapRequest(local.url, { timeoutMs })));
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(VipTimeoutError);
      expect(error).toMatchObject({ timeoutMs, operation: 'getUserInfo', requestId: 'req_0001' });
      expect((error as Error).message).toMatch(/within 200 ms/);
      expect(elapsed).toBeLessThan(timeoutMs * GENEROUS_FACTOR);
    });

    it('times out when the body stalls after the headers', async () => {
      const local = await server((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.write('<partial');
      });
      const error = await failure(transport().send(soapRequest(local.url, { timeoutMs: 200 })));
      expect(error).toBeInstanceOf(VipTimeoutError);
    });

    it("stops promptly with VipAbortError when the caller's signal fires", async () => {
      const local = await server(() => {
        /* never answers */
      });
      const controller = new AbortController();
      const reason = new Error('user went away');
      setTimeout(() => controller.abort(reason), 50);
      const started = performance.now();
      const error = await failure(transport().send(soapRequest(local.url, { timeoutMs: 10_000, signal: controller.signal })));
      expect(error).toBeInstanceOf(VipAbortError);
      expect((error as VipAbortError).cause).toBe(reason);
      // The alternative would be the 10 s deadline.
      expect(performance.now() - started).toBeLessThan(1_000);
    });

    it('does not connect at all when the signal has already fired', async () => {
      const local = await server();
      const error = await failure(transport().send(soapRequest(local.url, { signal: AbortSignal.abort('too late') })));
      expect(error).toBeInstanceOf(VipAbortError);
      expect((error as VipAbortError).cause).toBe('too late');
      expect(local.connections()).toBe(0);
    });

    it('reports a connection reset as VipConnectionError that may have reached the server', async () => {
      const local = await server((request) => request.socket.destroy());
      const error = await failure(transport().send(soapRequest(local.url)));
      expect(error).toBeInstanceOf(VipConnectionError);
      expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain((error as VipConnectionError).code);
      expect((error as VipConnectionError).requestNotSent).toBe(false);
      expect((error as Error).message).toMatch(/was lost before a complete response arrived/);
    });

    it('reports a refused connection as VipConnectionError that certainly sent nothing', async () => {
      const local = await server();
      await local.close();
      const error = await failure(transport().send(soapRequest(local.url)));
      expect(error).toBeInstanceOf(VipConnectionError);
      expect(error).toMatchObject({ code: 'ECONNREFUSED', requestNotSent: true });
      expect((error as Error).message).toBe(
        `Could not connect to 127.0.0.1:${local.port}: the connection was refused (ECONNREFUSED) (getUserInfo, requestId req_0001)`,
      );
    });

    it('stops reading an endless body at maxResponseBytes and tears the connection down', async () => {
      let written = 0;
      let closedByClient: () => void = () => undefined;
      const serverSawClose = new Promise<void>((resolve) => {
        closedByClient = resolve;
      });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const local = await server((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.on('close', () => closedByClient());
        writeForever(response, chunk, (bytes) => {
          written += bytes;
        });
      });
      const error = await failure(transport().send(soapRequest(local.url, { maxResponseBytes: MiB })));
      expect(error).toBeInstanceOf(VipProtocolError);
      expect((error as Error).message).toMatch(/response exceeds 1048576 bytes/);
      expect((error as VipProtocolError).httpStatus).toBe(200);
      await serverSawClose;
      // The server writes only as fast as the client reads, so this bounds what the client ever held: the cap plus
      // socket buffers, far below "endless".
      expect(written).toBeLessThan(32 * MiB);
    });

    it('rejects a declared content-length over the cap before reading the body', async () => {
      const local = await server((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/xml', 'content-length': String(50 * MiB) });
        response.write('<start/>');
        // ...and nothing more: a transport that waited for the body would run into its deadline instead.
      });
      const error = await failure(transport().send(soapRequest(local.url, { maxResponseBytes: MiB, timeoutMs: 3_000 })));
      expect(error).toBeInstanceOf(VipProtocolError);
      expect((error as Error).message).toMatch(/response exceeds 1048576 bytes/);
    });

    it('refuses bad URLs and limits before touching the network', async () => {
      const sender = transport();
      await expect(sender.send(soapRequest('not a url'))).rejects.toThrow(VipConfigurationError);
      await expect(sender.send(soapRequest('ftp://127.0.0.1/x'))).rejects.toThrow(/must use https:/);
      await expect(sender.send(soapRequest('http://127.0.0.1:1/x', { timeoutMs: 0 }))).rejects.toThrow(/timeoutMs/);
      await expect(sender.send(soapRequest('http://127.0.0.1:1/x', { maxResponseBytes: Number.NaN }))).rejects.toThrow(/maxResponseBytes/);
    });

    it('fails every send after close(), and close() may be called twice', async () => {
      const local = await server();
      const sender = transport();
      await sender.close();
      await sender.close();
      await expect(sender.send(soapRequest(local.url))).rejects.toThrow(VipConfigurationError);
      expect(local.connections()).toBe(0);
    });
  });
}

/** Writes `chunk` again and again, respecting back-pressure, until the response is closed. */
function writeForever(response: ServerResponse, chunk: Buffer, onWritten: (bytes: number) => void): void {
  const pump = (): void => {
    while (!response.destroyed) {
      onWritten(chunk.length);
      if (!response.write(chunk)) {
        response.once('drain', pump);
        return;
      }
    }
  };
  pump();
}
