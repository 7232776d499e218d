import { describe, expect, it } from 'vitest';
import { VipProtocolError } from '../../src/errors/request-errors.js';
import { contentCodings } from '../../src/transport/content-encoding.js';

const origin = { status: 200, maxBytes: 1024 };

describe('contentCodings', () => {
  it.each([
    [undefined, []],
    ['', []],
    [' identity ', []],
    ['gzip', ['gzip']],
    ['X-GZIP', ['gzip']],
    ['gzip, br', ['br', 'gzip']],
    ['deflate,,identity, gzip', ['gzip', 'deflate']],
  ])('reads %j as the codings to undo, last applied first', (header, expected) => {
    expect(contentCodings(header, origin)).toEqual(expected);
  });

  it.each(['constructor', '__proto__', 'gzip;q=1'])('refuses %j, which only looks like a known name', (header) => {
    expect(() => contentCodings(header, origin)).toThrow(
      new RegExp(`^The response is encoded with ${JSON.stringify(header).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
  });

  it('shortens a long unknown name in the message', () => {
    expect(() => contentCodings(`x${'y'.repeat(100)}`, origin)).toThrow(
      /^The response is encoded with "xy{39}\.\.\." \(content-encoding\)/,
    );
  });

  it('refuses more than five codings, as fetch does', () => {
    expect(contentCodings('gzip, gzip, gzip, gzip, gzip', origin)).toHaveLength(5);
    const error = (() => {
      try {
        contentCodings('gzip, gzip, gzip, gzip, gzip, gzip', origin);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(VipProtocolError);
    expect(error).toMatchObject({
      httpStatus: 200,
      message: 'The response is encoded 6 times over (content-encoding); at most 5 codings are accepted',
    });
  });
});
