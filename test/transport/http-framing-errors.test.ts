import { describe, expect, it } from 'vitest';
import { VipProtocolError } from '../../src/errors/request-errors.js';
import { httpParserReason, toFramingError } from '../../src/transport/http-framing-errors.js';
import { ProxyFailure } from '../../src/transport/proxy-failure.js';

const URL_ = new URL('https://vip.example.test:8443/ws');
const context = { operation: 'getUserInfo', requestId: 'r1' };
const parserError = (message: string): Error => Object.assign(new Error(message), { name: 'HTTPParserError', data: '<otp>123456</otp>' });

describe('toFramingError', () => {
  it("keeps llhttp's reason from undici's wrapper, and nothing of the data", () => {
    const error = toFramingError(parserError('Response does not match the HTTP/1.1 protocol (Invalid header value char)'), URL_, context);
    expect(error).toBeInstanceOf(VipProtocolError);
    expect(error?.message).toBe(
      'The response from vip.example.test:8443 is not valid HTTP/1.1: Invalid header value char (getUserInfo, requestId r1)',
    );
    expect(error?.cause).toBeUndefined();
  });

  it("finds the parser error under fetch's TypeError, and takes an unwrapped message whole", () => {
    const wrapped = new TypeError('terminated', { cause: parserError('Invalid character in chunk size') });
    expect(toFramingError(wrapped, URL_, context)?.message).toMatch(/is not valid HTTP\/1\.1: Invalid character in chunk size/);
    expect(httpParserReason(parserError('x'.repeat(500)))).toHaveLength(200);
  });

  it("leaves other errors, and a proxy's broken answer to CONNECT, to the connection mapping", () => {
    expect(toFramingError(new Error('Invalid header value char'), URL_, context)).toBeUndefined();
    const fromProxy = new ProxyFailure('proxy.example:3128', 'vip.example.test:8443', { cause: parserError('(Expected HTTP/)') });
    expect(toFramingError(fromProxy, URL_, context)).toBeUndefined();
  });
});

describe('httpParserReason', () => {
  const hpe = (reason: unknown) => Object.assign(new Error('Parse Error'), { code: 'HPE_INVALID_CHUNK_SIZE', reason });

  it("reads node:http's HPE_ codes with their reason, and the code when the reason is missing or empty", () => {
    expect(httpParserReason(hpe('Invalid character in chunk size'))).toBe('Invalid character in chunk size');
    expect(httpParserReason(hpe(''))).toBe('HPE_INVALID_CHUNK_SIZE');
    expect(httpParserReason(hpe(undefined))).toBe('HPE_INVALID_CHUNK_SIZE');
    expect(httpParserReason(hpe(42))).toBe('HPE_INVALID_CHUNK_SIZE');
    expect(httpParserReason(hpe('r'.repeat(300)))).toBe('r'.repeat(200));
    expect(httpParserReason(Object.assign(new Error('x'), { code: 'ECONNRESET', reason: 'no' }))).toBeUndefined();
  });

  it('looks four causes deep and no further, so a cycle of causes ends', () => {
    const nested = (depth: number): Error => {
      let error: Error = parserError('Invalid header value char');
      for (let i = 0; i < depth; i++) error = new Error(`wrapper ${i}`, { cause: error });
      return error;
    };
    expect(httpParserReason(nested(3))).toBe('Invalid header value char');
    expect(httpParserReason(nested(4))).toBeUndefined();
    const cycle = new Error('a');
    cycle.cause = new Error('b', { cause: cycle });
    expect(httpParserReason(cycle)).toBeUndefined();
  });
});
