/**
 * How text reaches the wire: markup and CR escaped, every character XML 1.0 can carry sent as it is (surrogate
 * pairs at both ends of their ranges included), and every character it cannot carry refused before sending, naming
 * the field.
 */
import { describe, expect, it } from 'vitest';
import { VipValidationError } from 'vip-user-services';
import { fakeClient } from '../client/fake-transport.js';

/** What the writer put on the wire for a getUserInfo `userId`, or the validation error. */
async function sentUserId(userId: string): Promise<string | VipValidationError> {
  const { vip, transport } = fakeClient();
  try {
    await vip.getUserInfo({ userId });
  } catch (error) {
    if (error instanceof VipValidationError) {
      expect(transport.requests).toHaveLength(0);
      return error;
    }
  }
  return /<vip:userId>([\s\S]*)<\/vip:userId>/.exec(transport.bodies[0] ?? '')?.[1] ?? 'nothing sent';
}

describe('text on the wire', () => {
  it.each([
    ['plain text', 'alice', 'alice'],
    ['markup and an apostrophe', `Zoë & <Co> "O'Hara"`, `Zoë &amp; &lt;Co&gt; "O'Hara"`],
    ['a carriage return, which the reader would turn into a line feed', 'a\r\nb', 'a&#13;\nb'],
    ['tab and line feed', 'a\tb\nc', 'a\tb\nc'],
    ['the first surrogate pair (U+10000)', 'x\uD800\uDC00&', 'x\uD800\uDC00&amp;'],
    ['the last surrogate pair (U+10FFFF)', '&\uDBFF\uDFFF', '&amp;\uDBFF\uDFFF'],
    ['the characters around the surrogates', '&\uD7FF\uE000\uFFFD', '&amp;\uD7FF\uE000\uFFFD'],
  ])('sends %s as it is, escaped where XML needs it', async (_what, text, wire) => {
    expect(await sentUserId(text)).toBe(wire);
  });

  it.each([
    ['a high surrogate followed by U+E000', '\uD800\uE000'],
    ['a high surrogate followed by a letter', '\uDBFFx'],
    ['a high surrogate at the end', 'x\uDBFF'],
    ['the last high surrogate before another high one', '\uDBFF\uD800\uDC00'],
    ['a lone low surrogate', 'a\uDC00'],
    ['the last low surrogate alone', 'a\uDFFF'],
    ['U+FFFE', 'a\uFFFE'],
    ['U+FFFF', 'a\uFFFF'],
    ['NUL', 'a\u0000'],
    ['a form feed', 'a\u000C'],
    ['U+001F', 'a\u001F'],
  ])('refuses %s, naming the field, and sends nothing', async (_what, text) => {
    const error = await sentUserId(text);
    expect(error).toBeInstanceOf(VipValidationError);
    expect(error).toMatchObject({ field: 'userId', rule: 'xmlChar', operation: 'getUserInfo' });
    expect((error as Error).message).toBe('getUserInfo: userId contains a character that XML 1.0 cannot carry');
  });
});
