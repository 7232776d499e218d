/**
 * The one failure telemetry can meet that the client never throws itself: something that is not a VipError (a
 * bug, or a value thrown from user code around the call) is named without its text.
 */
import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../src/telemetry/failure-kind.js';

describe('describeFailure', () => {
  it.each([new TypeError('secret-4711 in a message'), 'a thrown string', undefined])('names %j as _OTHER, without its text', (thrown) => {
    expect(describeFailure(thrown)).toEqual({ type: '_OTHER', description: 'an error that is not a VipError' });
  });
});
