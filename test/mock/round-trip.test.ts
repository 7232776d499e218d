/**
 * Property-based round trips through the client, node-soap and the mock: arbitrary Unicode and XML-special
 * strings come back exactly as sent, as user IDs (createUser, getUserInfo) and as friendly names (addCredential,
 * getUserInfo).
 * Whitespace is kept too, at either end and in strings of whitespace alone: xs:string preserves it, and so do the
 * client and the mock.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockPair, startPair } from './support.js';

const RUNS = Number(process.env.ROUND_TRIP_RUNS ?? 50);
const FORBIDDEN_IN_NAMES = /[$#!"/?\\*]/;

/** Characters XML 1.0 can carry. */
function isXmlCharacter(character: string): boolean {
  const code = character.codePointAt(0) as number;
  return (
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

/** One unit of a test string: any XML character, or a piece of markup that must arrive as text. */
const unit = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter(isXmlCharacter) },
  { weight: 2, arbitrary: fc.constantFrom('<', '>', '&', '"', "'", '&amp;', '&#x41;', ']]>', '<!--', '<b>', ' ', 'é', '😀', '\u200b') },
);

/** Strings of 1 to `max` code points built from `unit`. */
function xmlString(max: number): fc.Arbitrary<string> {
  return fc.string({ unit, minLength: 1, maxLength: max }).filter((text) => [...text].length <= max);
}

/** Strings of whitespace alone, which every run tries first. */
const BLANK_EXAMPLES: [string][] = [[' '], ['   '], ['\t \n']];

let pair: MockPair;

beforeAll(async () => {
  pair = await startPair({ tls: false });
});

afterAll(async () => {
  await pair.close();
});

describe('round trips of arbitrary text', () => {
  it('a user ID of whitespace alone: createUser then getUserInfo finds it, and only it', async () => {
    pair.mock.reset();
    expect((await pair.vip.createUser({ userId: '   ' })).status).toBe('0000');
    expect((await pair.vip.getUserInfo({ userId: '   ' })).userId).toBe('   ');
    expect(pair.mock.requests.map((request) => request.operation)).toEqual(['createUser', 'getUserInfo']);
    await expect(pair.vip.getUserInfo({ userId: '  ' })).rejects.toMatchObject({ code: '6003' });
  });

  it('user IDs: createUser then getUserInfo returns the same ID', async () => {
    await fc.assert(
      fc.asyncProperty(xmlString(128), async (userId) => {
        pair.mock.reset();
        expect((await pair.vip.createUser({ userId })).status).toBe('0000');
        const info = await pair.vip.getUserInfo({ userId });
        expect(info.userId).toBe(userId);
      }),
      { numRuns: RUNS, examples: BLANK_EXAMPLES },
    );
  });

  it('friendly names: addCredential then getUserInfo returns the same name', async () => {
    // Names with the characters VIP refuses never leave the client (its contract carries the rule); the mock's
    // 602D answer to them is checked with raw requests in behaviour.test.ts.
    const names = xmlString(125).filter((name) => !FORBIDDEN_IN_NAMES.test(name));
    await fc.assert(
      fc.asyncProperty(names, async (friendlyName) => {
        pair.mock.reset();
        await pair.vip.createUser({ userId: 'owner' });
        const bind = await pair.vip.addCredential({
          userId: 'owner',
          credentialDetail: { credentialId: 'VSMT11112222', credentialType: 'STANDARD_OTP', friendlyName },
        });
        expect(bind.status).toBe('0000');
        const info = await pair.vip.getUserInfo({ userId: 'owner' });
        expect(info.credentialBindingDetail?.[0]?.bindingDetail.friendlyName).toBe(friendlyName);
      }),
      { numRuns: RUNS, examples: BLANK_EXAMPLES },
    );
  });
});
