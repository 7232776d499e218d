/**
 * Behaviour every `Transport` must share, run against plain HTTP servers on 127.0.0.1: what goes on the wire, what
 * comes back, deadlines, aborts, broken connections, the response size cap, content codings and answers that are not
 * valid HTTP.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  VipAbortError,
  VipConfigurationError,
  VipConnectionError,
  VipProtocolError,
  VipTimeoutError,
} from '../../src/errors/request-errors.js';
import type { Transport } from '../../src/transport/transport.js';
import { type Handler, type LocalServer, type RawServer, startHttpServer, startRawServer } from './local-server.js';
import { answerOf, SAMPLE_ENVELOPE, soapRequest, send, TEST_USER_AGENT, textOf } from './soap-request.js';

const MiB = 1024 * 1024;
/** A compressible SOAP-looking body of a few KiB. */
const XML = `<ok>${'compressible text '.repeat(200)}</ok>`;
/** Loose upper bound for "promptly": timing is never asserted tightly. */
const GENEROUS_FACTOR = 5;

/** What a transport does beyond moving bytes; the contract checks each promise only of the transports that make it. */
export interface TransportCapabilities {
  /** Stops reading at `maxResponseBytes` (also a declared `content-length`), instead of buffering everything first. */
  capsWhileStreaming: boolean;
  /** Undoes gzip, deflate and br content codings. */
  decodesContent: boolean;
  /** Has a `close()` after which sends fail. */
  closes: boolean;
}

/**
 * Registers a test (or group) only for transports that make the promise it checks; for the others nothing is
 * registered, rather than a test shown as skipped.
 */
function whenCapable<T extends (...args: never[]) => unknown>(capable: boolean, register: T): T {
  return capable ? register : ((() => undefined) as unknown as T);
}

/**
 * Registers the shared transport tests, each run through the client core's attempt frame as the client runs them.
 * @param makeTransport Builds the transport under test; it is closed after each test.
 */
export function describeTransportContract(name: string, makeTransport: () => Transport, capabilities: TransportCapabilities): void {
  describe(`${name}: shared transport behaviour`, () => {
    const servers: LocalServer[] = [];
    const transports: Transport[] = [];

    const server = async (handler?: Handler): Promise<LocalServer> => {
      const started = await startHttpServer(handler);
      servers.push(started);
      return started;
    };
    const transport = (): Transport => {
      const created = makeTransport();
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

    const rawServers: RawServer[] = [];
    const rawServer = async (answer: string | Buffer): Promise<RawServer> => {
      const started = await startRawServer(answer);
      rawServers.push(started);
      return started;
    };

    afterEach(async () => {
      await Promise.all(transports.splice(0).map((created) => created.close?.()));
      await Promise.all([...servers.splice(0), ...rawServers.splice(0)].map((started) => started.close()));
    });
    afterAll(async () => {
      await Promise.all(servers.splice(0).map((started) => started.close()));
    });

    it('POSTs exactly the envelope bytes with the SOAP 1.1 headers', async () => {
      const local = await server();
      await send(transport(), soapRequest(local.url));
      const [received] = local.received;
      expect(received?.method).toBe('POST');
      expect(received?.url).toBe('/vipuserservices/QueryService_1_8');
      expect(received?.body.equals(Buffer.from(SAMPLE_ENVELOPE, 'utf8'))).toBe(true);
      expect(received?.headers).toMatchObject({
        'content-type': 'text/xml; charset=utf-8',
        soapaction: '""',
        accept: 'text/xml',
        'user-agent': TEST_USER_AGENT,
        'content-length': String(Buffer.byteLength(SAMPLE_ENVELOPE, 'utf8')),
      });
      const raw = received?.rawHeaders ?? [];
      expect(raw[raw.findIndex((header) => header.toLowerCase() === 'soapaction') + 1]).toBe('""');
    });

    it('returns any HTTP status with its content type and body instead of throwing', async () => {
      const local = await server((_request, response) => {
        response.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' });
        response.end('<soap:Fault/>');
      });
      const response = await send(transport(), soapRequest(local.url));
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
      const response = await send(transport(), soapRequest(local.url));
      expect(Buffer.from(response.body as Uint8Array).equals(bytes)).toBe(true);
      expect(response.headers['content-type']).toBe('text/xml');
    });

    it('accepts a body of exactly maxResponseBytes', async () => {
      const local = await server((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end('x'.repeat(1000));
      });
      const response = await send(transport(), soapRequest(local.url, { maxResponseBytes: 1000 }));
      expect(textOf(response)).toHaveLength(1000);
    });

    it('times out with VipTimeoutError when the server never answers', async () => {
      const local = await server(() => {
        /* never answers */
      });
      const timeoutMs = 200;
      const started = performance.now();
      const error = await failure(send(transport(), soapRequest(local.url, { timeoutMs })));
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
      const error = await failure(send(transport(), soapRequest(local.url, { timeoutMs: 200 })));
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
      const error = await failure(send(transport(), soapRequest(local.url, { timeoutMs: 10_000, signal: controller.signal })));
      expect(error).toBeInstanceOf(VipAbortError);
      expect((error as VipAbortError).cause).toBe(reason);
      // The alternative would be the 10 s deadline.
      expect(performance.now() - started).toBeLessThan(1_000);
    });

    it('does not connect at all when the signal has already fired', async () => {
      const local = await server();
      const error = await failure(send(transport(), soapRequest(local.url, { signal: AbortSignal.abort('too late') })));
      expect(error).toBeInstanceOf(VipAbortError);
      expect((error as VipAbortError).cause).toBe('too late');
      expect(local.connections()).toBe(0);
    });

    it('reports a connection reset as VipConnectionError that may have reached the server', async () => {
      const local = await server((request) => request.socket.destroy());
      const error = await failure(send(transport(), soapRequest(local.url)));
      expect(error).toBeInstanceOf(VipConnectionError);
      expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain((error as VipConnectionError).code);
      expect((error as VipConnectionError).requestNotSent).toBe(false);
      expect((error as Error).message).toMatch(/was lost before a complete response arrived/);
    });

    it('reports a refused connection as VipConnectionError that certainly sent nothing', async () => {
      const local = await server();
      await local.close();
      const error = await failure(send(transport(), soapRequest(local.url)));
      expect(error).toBeInstanceOf(VipConnectionError);
      expect(error).toMatchObject({ code: 'ECONNREFUSED', requestNotSent: true });
      expect((error as Error).message).toBe(
        `Could not connect to 127.0.0.1:${local.port}: the connection was refused (ECONNREFUSED) (getUserInfo, requestId req_0001)`,
      );
    });

    whenCapable(capabilities.capsWhileStreaming, it)(
      'stops reading an endless body at maxResponseBytes and tears the connection down',
      async () => {
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
        const error = await failure(send(transport(), soapRequest(local.url, { maxResponseBytes: MiB })));
        expect(error).toBeInstanceOf(VipProtocolError);
        expect((error as Error).message).toMatch(/response exceeds 1048576 bytes/);
        expect((error as VipProtocolError).httpStatus).toBe(200);
        await serverSawClose;
        // The server writes only as fast as the client reads, so this bounds what the client ever held: the cap plus
        // socket buffers, far below "endless".
        expect(written).toBeLessThan(32 * MiB);
      },
    );

    whenCapable(capabilities.capsWhileStreaming, it)('rejects a declared content-length over the cap before reading the body', async () => {
      const local = await server((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/xml', 'content-length': String(50 * MiB) });
        response.write('<start/>');
        // ...and nothing more: a transport that waited for the body would run into its deadline instead.
      });
      const error = await failure(send(transport(), soapRequest(local.url, { maxResponseBytes: MiB, timeoutMs: 3_000 })));
      expect(error).toBeInstanceOf(VipProtocolError);
      expect((error as Error).message).toMatch(/response exceeds 1048576 bytes/);
    });

    it('fails a body over maxResponseBytes with VipProtocolError, however the transport read it', async () => {
      const local = await server((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end('x'.repeat(1001));
      });
      const error = await failure(send(transport(), soapRequest(local.url, { maxResponseBytes: 1000 })));
      expect(error).toBeInstanceOf(VipProtocolError);
      expect(error).toMatchObject({
        httpStatus: 200,
        message: expect.stringMatching(/^The response exceeds 1000 bytes \(maxResponseBytes\)/),
      });
    });

    whenCapable(capabilities.decodesContent, describe)('content codings', () => {
      it.each([
        ['gzip', 'gzip', gzipSync],
        ['x-gzip', 'x-gzip', gzipSync],
        ['GZIP (names are case-insensitive)', 'GZIP', gzipSync],
        ['deflate', 'deflate', deflateSync],
        ['deflate sent bare, without the zlib wrapper', 'deflate', deflateRawSync],
        ['br', 'br', brotliCompressSync],
      ])('undoes %s', async (_name, header, encode) => {
        const local = await server(answering({ 'content-encoding': header }, encode(Buffer.from(XML))));
        const response = await send(transport(), soapRequest(local.url));
        expect(answerOf(response)).toEqual({ status: 200, headers: { 'content-type': 'text/xml' }, body: XML });
      });

      it.each([
        ['gzip, br', (xml: Buffer) => brotliCompressSync(gzipSync(xml))],
        ['br,deflate', (xml: Buffer) => deflateSync(brotliCompressSync(xml))],
        ['gzip, identity', gzipSync],
        ['identity, br', brotliCompressSync],
      ])('undoes stacked codings %j last one first, identity doing nothing', async (header, encode) => {
        const local = await server(answering({ 'content-encoding': header }, encode(Buffer.from(XML))));
        expect(textOf(await send(transport(), soapRequest(local.url)))).toBe(XML);
      });

      it('checks content-length against the encoded size and maxResponseBytes against the decoded size', async () => {
        const encoded = gzipSync(XML);
        const local = await server(answering({ 'content-encoding': 'gzip', 'content-length': encoded.length }, encoded));
        const decodedSize = Buffer.byteLength(XML);
        expect(encoded.length).toBeLessThan(decodedSize / 10);
        expect(textOf(await send(transport(), soapRequest(local.url, { maxResponseBytes: decodedSize })))).toBe(XML);
        const error = await failure(send(transport(), soapRequest(local.url, { maxResponseBytes: decodedSize - 1 })));
        expect(error).toBeInstanceOf(VipProtocolError);
        expect((error as Error).message).toMatch(new RegExp(`^The response exceeds ${decodedSize - 1} bytes \\(maxResponseBytes\\)`));
      });

      it('stops a gzip bomb at maxResponseBytes of decoded bytes, without waiting for the rest, and drops the connection', async () => {
        // 16 KiB that inflate to 16 MiB of zeros; the server then holds the response open, as an endless bomb would.
        const bomb = gzipSync(Buffer.alloc(16 * MiB));
        let closedByClient: () => void = () => undefined;
        const serverSawClose = new Promise<void>((resolve) => {
          closedByClient = resolve;
        });
        const local = await server((_request, response) => {
          response.writeHead(200, { 'content-type': 'text/xml', 'content-encoding': 'gzip' });
          response.on('close', () => closedByClient());
          response.write(bomb);
        });
        expect(bomb.length).toBeLessThan(MiB / 16);
        const error = await failure(send(transport(), soapRequest(local.url, { maxResponseBytes: MiB })));
        expect(error).toBeInstanceOf(VipProtocolError);
        expect(error).toMatchObject({
          httpStatus: 200,
          message: expect.stringMatching(/^The response exceeds 1048576 bytes \(maxResponseBytes\)/),
        });
        await serverSawClose;
      });

      it.each([
        ['gzip', Buffer.from('<otp>123456</otp> is not gzip'), /incorrect header check \(Z_DATA_ERROR\)/],
        ['deflate', Buffer.from([0x78, 0x9c, 0xff, 0xff, 0xff, 0xff]), /\(Z_DATA_ERROR\)/],
        ['gzip, br', Buffer.from('<otp>123456</otp> is not brotli'), /Decompression failed \(ERR__ERROR_FORMAT_[A-Z0-9_]+\)/],
      ])('reports a corrupt %s body as VipProtocolError', async (header, body, reason) => {
        const local = await server(answering({ 'content-encoding': header }, body));
        const error = await failure(send(transport(), soapRequest(local.url)));
        expect(error).toBeInstanceOf(VipProtocolError);
        expect((error as Error).message).toMatch(new RegExp(`^The response body could not be decoded \\(content-encoding: ${header}\\): `));
        expect((error as Error).message).toMatch(reason);
        expect(error).toMatchObject({ httpStatus: 200, operation: 'getUserInfo' });
        expect(JSON.stringify((error as VipProtocolError).toJSON())).not.toContain('123456');
      });

      it.each([
        ['compress', 'compress'],
        ['zstd', 'zstd'],
        ['foo', 'foo'],
        ['gzip, foo', 'foo'],
      ])('refuses content-encoding %j, naming the coding it cannot decode', async (header, coding) => {
        const local = await server(answering({ 'content-encoding': header }, gzipSync(XML)));
        const error = await failure(send(transport(), soapRequest(local.url)));
        expect(error).toBeInstanceOf(VipProtocolError);
        expect((error as Error).message).toBe(
          `The response is encoded with "${coding}" (content-encoding), which the SDK cannot decode; it decodes gzip, deflate ` +
            'and br (getUserInfo, requestId req_0001)',
        );
        expect((error as VipProtocolError).httpStatus).toBe(200);
      });
    });

    describe('answers that are not valid HTTP/1.1', () => {
      // Each answer holds a secret after the broken byte, where the parser error's raw `data` would quote it.
      it.each([
        [
          'an invalid header character',
          'HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nX-Bad: a\x01<otp>123456</otp>\r\n\r\n',
          'Invalid header value char',
        ],
        [
          'broken chunked encoding',
          'HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n<otp>123456</otp>\r\n0\r\n\r\n',
          'Invalid character in chunk size',
        ],
        ['another protocol', 'SSH-2.0-OpenSSH_9.6 <otp>123456</otp>\r\n', 'Expected HTTP/'],
      ])("reports %s as VipProtocolError with the parser's reason and none of the bytes", async (_name, answer, reason) => {
        const raw = await rawServer(answer);
        const error = await failure(send(transport(), soapRequest(raw.url)));
        expect(error).toBeInstanceOf(VipProtocolError);
        expect((error as Error).message).toMatch(
          new RegExp(`^The response from 127\\.0\\.0\\.1:\\d+ is not valid HTTP/1\\.1: ${reason}.*\\(getUserInfo, requestId req_0001\\)$`),
        );
        expect((error as Error).message).not.toContain('123456');
        expect((error as VipProtocolError).cause).toBeUndefined();
        expect(JSON.stringify((error as VipProtocolError).toJSON())).not.toContain('123456');
      });
    });

    whenCapable(capabilities.closes, it)('fails every send after close(), and close() may be called twice', async () => {
      const local = await server();
      const sender = transport();
      await sender.close?.();
      await sender.close?.();
      await expect(send(sender, soapRequest(local.url))).rejects.toThrow(VipConfigurationError);
      expect(local.connections()).toBe(0);
    });
  });
}

/** A handler answering 200 with a `text/xml` body and the given extra headers. */
function answering(headers: OutgoingHttpHeaders, body: Buffer): Handler {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/xml', ...headers });
    response.end(body);
  };
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
