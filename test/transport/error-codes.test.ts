/**
 * Where the client looks for a failed request's error code: on the error, in the first member of an
 * `AggregateError` (Node's "happy eyeballs" connect), down a chain of causes (fetch wraps its error, sometimes twice),
 * five levels deep at most. What has no code is named by its class only, never by its message.
 */
import { describe, expect, it } from 'vitest';
import { fakeClient } from '../client/fake-transport.js';

const REFUSED = 'Could not connect to userservices-auth.vip.symantec.com: the connection was refused (ECONNREFUSED)';
const UNCODED = 'The request to userservices-auth.vip.symantec.com failed: Error without an error code';

/** An error wrapping `{ code: 'ECONNREFUSED' }` in `depth` levels of `cause`. */
function wrapped(depth: number): unknown {
  let error: unknown = { code: 'ECONNREFUSED' };
  for (let level = 0; level < depth; level++) error = new Error('wrapped', { cause: error });
  return error;
}

async function messageFor(thrown: unknown): Promise<string> {
  const { vip } = fakeClient(() => Promise.reject(thrown));
  const error = await vip.getServerTime().then(
    () => expect.fail('expected the call to fail'),
    (caught: Error & { requestId: string }) => caught,
  );
  expect(error.name).toBe('VipConnectionError');
  return error.message.replace(` (getServerTime, requestId ${error.requestId})`, '');
}

describe('the error code of a failed request', () => {
  it.each([
    ['on the error', wrapped(0), REFUSED],
    ['four causes down', wrapped(4), REFUSED],
    ['five causes down, past the search', wrapped(5), UNCODED],
    ['an empty code, which is none', Object.assign(new Error('secret-4711'), { code: '' }), UNCODED],
    ['after an AggregateError without members', new AggregateError([], 'none', { cause: { code: 'ECONNREFUSED' } }), REFUSED],
    [
      'in the first member of an AggregateError',
      new AggregateError([{ code: 'ECONNREFUSED' }, { code: 'ETIMEDOUT' }], 'all failed'),
      REFUSED,
    ],
    [
      'nowhere, on a value that is not an Error',
      'secret-4711',
      'The request to userservices-auth.vip.symantec.com failed: a non-Error value was thrown',
    ],
  ])('is found %s', async (_where, thrown, message) => {
    expect(await messageFor(thrown)).toBe(message);
  });
});
