/**
 * Server text cannot forge log lines: control characters (here a line feed, the C1 control sequence introducer that
 * terminals read like ESC [, and a line separator) are escaped in messages and kept raw in the fields.
 */
import { describe, expect, it } from 'vitest';
import { VipConfigurationError, VipServiceError, VipSoapFaultError } from 'vip-user-services';
import { fakeClient } from '../client/fake-transport.js';
import { requestIdOf, soapEnvelope, vipResponse } from '../helpers/soap-fixtures.js';

const FORGED = 'Denied&#x2028;&#10;2026-11-29T10:00:00Z INFO login ok user=admin&#x9B;2K.';
const RAW = 'Denied\u2028\n2026-11-29T10:00:00Z INFO login ok user=admin\u009b2K.';
const ESCAPED = 'Denied\\u2028\\n2026-11-29T10:00:00Z INFO login ok user=admin\\u009b2K.';

describe('messages built from server text', () => {
  it('escape control characters in a VIP status message and detail message', async () => {
    const { vip } = fakeClient((request) =>
      vipResponse('GetUserInfoResponse', requestIdOf(request.body), '', {
        status: '6003',
        statusMessage: FORGED,
        detail: '4E50',
        detailMessage: FORGED,
      }),
    );
    const error = (await vip.getUserInfo({ userId: 'alice' }).catch((e: unknown) => e)) as VipServiceError;
    expect(error).toBeInstanceOf(VipServiceError);
    expect(error.message).toBe(`[6003] ${ESCAPED} (detail 4E50: ${ESCAPED}) (getUserInfo, requestId ${error.requestId})`);
    expect(error.message).not.toMatch(/[\n\r\u009b\u2028]/);
    expect(error.statusMessage).toBe(RAW);
    expect(error.detailMessage).toBe(RAW);
  });

  it('escape control characters in a fault string', async () => {
    const { vip } = fakeClient(() => ({
      status: 500,
      body: soapEnvelope(`<S:Fault><faultcode>S:Server</faultcode><faultstring>${FORGED}</faultstring></S:Fault>`),
    }));
    const error = (await vip.getUserInfo({ userId: 'alice' }).catch((e: unknown) => e)) as VipSoapFaultError;
    expect(error).toBeInstanceOf(VipSoapFaultError);
    expect(error.message).toContain(`SOAP Fault S:Server: ${ESCAPED}`);
    expect(error.faultString).toBe(RAW);
  });

  it('quote an echoed request ID of another request as a JSON string', async () => {
    const { vip } = fakeClient(() => vipResponse('GetUserInfoResponse', 'x&#10;y'));
    const error = (await vip.getUserInfo({ userId: 'alice' }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^GetUserInfoResponse answers request "x\\ny", not this one/);
  });
});

describe('printable messages, character by character', () => {
  it.each(['\u0020', '\u007e', '\u00a0', '\u2027', '\u202f', '\u2065', '\u206a'])(
    'keeps %j, just outside the escaped ranges',
    (character) => {
      expect(new VipConfigurationError(`a${character}b`).message).toBe(`a${character}b`);
    },
  );

  it('leaves ordinary text alone, non-ASCII letters and punctuation included', () => {
    const text = 'Zoë – 東京: "quoted" <tag> & 100%';
    expect(new VipConfigurationError(text).message).toBe(text);
  });

  it.each([
    ['\n', '\\n'],
    ['\r', '\\r'],
    ['\t', '\\t'],
    ['\u0000', '\\u0000'],
    ['\u001b', '\\u001b'],
    ['\u007f', '\\u007f'],
    ['\u009b', '\\u009b'],
    ['\u2028', '\\u2028'],
    ['\u2029', '\\u2029'],
    ['\u202e', '\\u202e'],
    ['\u2066', '\\u2066'],
    ['\u2069', '\\u2069'],
    ['\u001f', '\\u001f'],
    ['\u009f', '\\u009f'],
    ['\u202a', '\\u202a'],
  ])('escapes %j as %s', (character, escaped) => {
    expect(new VipConfigurationError(`a${character}b`).message).toBe(`a${escaped}b`);
  });
});
