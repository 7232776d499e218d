/**
 * The contracts of several API versions, merged into one set of types and plans: every element a later version adds
 * carries that version in its plan (`since`) and says so in its JSDoc, and the generator refuses contracts whose
 * versions differ in anything but tagged additions, so the two schemas cannot drift apart and nothing arrives
 * without its source.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypePlan } from '../../src/core/plan.js';
import { afterEach, describe, expect, it } from 'vitest';
import { readContracts } from '../../scripts/codegen/read-contracts.js';
import { generate, ROOT } from '../../scripts/generate.js';
import { CONTRACT_VERSION, CONTRACT_VERSIONS, OPERATIONS } from '../../src/generated/operations.js';

/** `path.name` of every field of `type` (nested types included) that carries `since`, with the version. */
function tagged(type: TypePlan, path = ''): string[] {
  return type.fields.flatMap((field) => [
    ...(field.since === undefined ? [] : [`${path}${field.name}@${field.since}`]),
    ...(field.type === undefined ? [] : tagged(field.type, `${path}${field.name}.`)),
  ]);
}

describe('the merged plans', () => {
  it('know both versions, 1.8 being the baseline', () => {
    expect(CONTRACT_VERSION).toBe('1.8');
    expect(CONTRACT_VERSIONS).toEqual(['1.8', '1.10']);
  });

  it('record the version each 1.10 field needs, and nothing else', () => {
    const byOperation = Object.fromEntries(
      Object.values(OPERATIONS)
        .map((plan) => [plan.name, [...tagged(plan.request), ...tagged(plan.response)]] as const)
        .filter(([, fields]) => fields.length > 0),
    );
    expect(byOperation).toEqual({
      authenticateUserWithPush: ['pushAuthData.encryptedDisplayParameters@1.10', 'numbersChallengeValue@1.10'],
      authenticateCredentials: ['pushAuthData.encryptedDisplayParameters@1.10', 'numbersChallengeValue@1.10'],
      evaluateRisk: [
        'ResponseControl@1.10',
        'ResponseControl.IncludeRequestContext@1.10',
        'ResponseControl.IncludeFingerprintDetails@1.10',
      ],
      updateCredential: ['credentialStatus@1.10'],
      getUserInfo: ['fidoInfo@1.10', 'includePushEncryptKey@1.10', 'isPinExpired@1.10'],
      getCredentialInfo: ['includeTokenInfo@1.10', 'includePushEncryptKey@1.10', 'SupportPushEncryption@1.10', 'publicKeys@1.10'],
    });
  });

  it('put the 1.10 fields where the contract says', () => {
    expect(OPERATIONS.getUserInfo.request.fields.map((f) => f.name)).toEqual([
      'requestId',
      'onBehalfOfAccountId',
      'userId',
      'iaInfo',
      'fidoInfo',
      'includePushAttributes',
      'includeTokenInfo',
      'includePushEncryptKey',
    ]);
  });
});

describe('the generated types', () => {
  const types = generate().get('src/generated/types.ts') as string;

  /** The JSDoc right above the declaration of `member` (the first one after `after`). */
  function docOf(member: string, after: string): string {
    const start = types.indexOf(after);
    const at = types.indexOf(`  ${member}?:`, start);
    return types.slice(types.lastIndexOf('/**', at), at);
  }

  it('say @since 1.10, where the fact comes from, and that the order is unverified', () => {
    const fido = docOf('fidoInfo', 'export interface GetUserInfoInput');
    expect(fido).toContain('@since 1.10');
    expect(fido).toContain("Send it only with the client option `apiVersion: '1.10'`");
    expect(fido).toContain("Named only in Broadcom's 1.10 documentation");
    expect(fido).toContain('(order unverified)');
    const control = docOf('ResponseControl', 'export interface EvaluateRiskInput');
    expect(control).toContain('also seen on the wire in public client code');
    const number = docOf('numbersChallengeValue', 'export type AuthenticateUserWithPushOutput');
    expect(number).toContain("VIP sends it only on the 1.10 paths, so only clients with `apiVersion: '1.10'` receive it.");
  });

  it('name the values 1.10 added to an open union', () => {
    const credentialType = types.slice(
      types.lastIndexOf('/**', types.indexOf('export type CredentialType ')),
      types.indexOf('export type CredentialType '),
    );
    expect(credentialType).toContain('Added in API 1.10: `EMAIL_OTP`, `BIOMETRIC`, `SECURITY_KEY`.');
  });

  it('leave the 1.8 fields without a version note', () => {
    expect(docOf('includeTokenInfo', 'export interface GetUserInfoInput')).not.toContain('@since');
  });
});

describe('the generator', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** Reads a copy of wsdl/ with `edit` applied to one of its files. */
  function readEdited(file: string, edit: (text: string) => string): void {
    dir = mkdtempSync(join(tmpdir(), 'vip-contracts-'));
    cpSync(join(ROOT, 'wsdl'), dir, { recursive: true });
    const path = join(dir, file);
    const before = readFileSync(path, 'utf8');
    const after = edit(before);
    expect(after, 'the edit changed nothing').not.toBe(before);
    writeFileSync(path, after);
    readContracts(dir);
  }

  const XSD_110 = 'vipuserservices-1.10.xsd';
  const FIDO_TAG = '<sdk:since version="1.10" source="doc" order="unverified"/>';

  /** Replaces `from` by `to` inside the fidoInfo element of getUserInfo's request (other 1.10 elements carry the same tag). */
  const inFidoInfo = (from: string, to: string) => (xsd: string) => {
    const start = xsd.indexOf('<xsd:element name="fidoInfo"');
    const end = xsd.indexOf('</xsd:element>', start);
    return xsd.slice(0, start) + xsd.slice(start, end).replace(from, to) + xsd.slice(end);
  };

  it('refuses a 1.10 element without its sdk:since tag', () => {
    expect(() => readEdited(XSD_110, inFidoInfo(`<xsd:appinfo>${FIDO_TAG}</xsd:appinfo>`, ''))).toThrow(
      'GetUserInfoRequestType.fidoInfo is new in 1.10, so it needs <sdk:since',
    );
  });

  it('refuses a tag naming another version than the file', () => {
    const wrong = inFidoInfo(FIDO_TAG, '<sdk:since version="1.9" source="doc" order="unverified"/>');
    expect(() => readEdited(XSD_110, wrong)).toThrow('GetUserInfoRequestType.fidoInfo is new in 1.10');
  });

  it('refuses a tag without its source or, on an element, without its order', () => {
    expect(() => readEdited(XSD_110, inFidoInfo(FIDO_TAG, '<sdk:since version="1.10" order="unverified"/>'))).toThrow(
      'GetUserInfoRequestType.fidoInfo: sdk:since needs source="doc" or source="wire"',
    );
    expect(() => readEdited(XSD_110, inFidoInfo(FIDO_TAG, '<sdk:since version="1.10" source="doc"/>'))).toThrow(
      'takes order="wire|unverified" on elements',
    );
  });

  it('refuses an sdk:since tag in the baseline', () => {
    const tag = (xsd: string) =>
      xsd.replace(
        '<xsd:annotation><xsd:documentation>The user to read.</xsd:documentation></xsd:annotation>',
        `<xsd:annotation><xsd:documentation>The user to read.</xsd:documentation><xsd:appinfo>${FIDO_TAG}</xsd:appinfo></xsd:annotation>`,
      );
    expect(() => readEdited('vipuserservices-1.8.xsd', tag)).toThrow('the baseline 1.8 cannot carry sdk:since');
  });

  it('refuses a shared element that differs between the versions', () => {
    const loosen = (xsd: string) =>
      xsd.replace(
        '<xsd:element name="includeTokenInfo" type="xsd:boolean" minOccurs="0" maxOccurs="1" default="false">',
        '<xsd:element name="includeTokenInfo" type="xsd:boolean" minOccurs="0" maxOccurs="1">',
      );
    expect(() => readEdited(XSD_110, loosen)).toThrow('complexType GetUserInfoRequestType in 1.10: changes, drops or reorders elements');
  });

  it('refuses a value added to an enumeration without a tag', () => {
    const add = (xsd: string) =>
      xsd.replace('<xsd:enumeration value="IA"/>', '<xsd:enumeration value="IA"/><xsd:enumeration value="PASSKEY"/>');
    expect(() => readEdited(XSD_110, add)).toThrow('PASSKEY is new, so it needs <sdk:since version="1.10"');
  });

  it('refuses a service address whose version is not the file name', () => {
    const wrong = (wsdl: string) => wsdl.replace('QueryService_1_10"', 'QueryService_1_8"');
    expect(() => readEdited('vipuserservices-query-1.10.wsdl', wrong)).toThrow('the service address must end in _1_10');
  });
});
