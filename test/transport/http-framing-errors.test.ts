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
