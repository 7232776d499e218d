/**
 * `sdk:presentOnSuccess` end to end: the plan lists, per success status, the fields every answer with that status
 * carries; and the generator refuses the annotation where it could not mean anything, so a contract edit cannot
 * quietly promise a field the runtime never checks.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPERATIONS } from '../../src/generated/operations.js';
import { afterEach, describe, expect, it } from 'vitest';
import { readContracts } from '../../scripts/codegen/read-contracts.js';
import { ROOT } from '../../scripts/generate.js';

const BASE = ['requestId', 'status', 'statusMessage'];

describe('the operation plans', () => {
  it('list the schema-required base fields and the annotated ones, per success status', () => {
    expect(OPERATIONS.authenticateUserWithPush.presentOnSuccess).toEqual({
      '0000': BASE,
      '6040': [...BASE, 'transactionId', 'pushDetail'],
    });
    expect(OPERATIONS.authenticateCredentials.presentOnSuccess).toEqual({
      '0000': [...BASE, 'credentialId', 'credentialType'],
      '6040': [...BASE, 'transactionId', 'pushDetail'],
    });
    expect(OPERATIONS.evaluateRisk.presentOnSuccess).toEqual({ '0000': [...BASE, 'EventId'], '6009': [...BASE, 'EventId'] });
    expect(OPERATIONS.pollPushStatus.presentOnSuccess).toEqual({ '0000': [...BASE, 'transactionStatus'] });
  });

  it('have an entry for every success code of every operation, listing at least the base fields', () => {
    for (const plan of Object.values(OPERATIONS)) {
      expect(Object.keys(plan.presentOnSuccess).sort(), plan.name).toEqual([...plan.successCodes].sort());
      for (const fields of Object.values(plan.presentOnSuccess)) expect(fields.slice(0, 3), plan.name).toEqual(BASE);
    }
  });

  it('mark only required complex elements whose type needs nothing as sent empty when left out', () => {
    const flagged = Object.values(OPERATIONS).flatMap((plan) =>
      plan.request.fields.filter((f) => f.emptyWhenOmitted).map((f) => `${plan.name}.${f.name}`),
    );
    expect(flagged).toEqual(['authenticateUserWithPush.pushAuthData', 'setTemporaryPasswordAttributes.temporaryPasswordAttributes']);
  });
});

describe('the generator', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** Reads a copy of wsdl/ whose schema has `edit` applied. */
  function readEdited(edit: (xsd: string) => string): void {
    dir = mkdtempSync(join(tmpdir(), 'vip-contracts-'));
    cpSync(join(ROOT, 'wsdl'), dir, { recursive: true });
    const xsd = join(dir, 'vipuserservices-1.8.xsd');
    const before = readFileSync(xsd, 'utf8');
    const after = edit(before);
    expect(after, 'the edit changed nothing').not.toBe(before);
    writeFileSync(xsd, after);
    readContracts(dir);
  }

  const DOC_END = '</xsd:documentation></xsd:annotation>';

  /** Adds the annotation to the first element named `element` after `type` starts. */
  const annotate = (type: string, element: string, annotation: string) => (xsd: string) => {
    const start = xsd.indexOf(`<xsd:complexType name="${type}"`);
    if (start < 0) throw new Error(`no complexType ${type} in the schema`);
    const at = xsd.indexOf(DOC_END, xsd.indexOf(`<xsd:element name="${element}"`, start));
    return `${xsd.slice(0, at)}</xsd:documentation><xsd:appinfo>${annotation}</xsd:appinfo></xsd:annotation>${xsd.slice(at + DOC_END.length)}`;
  };

  it('reads the contracts as committed', () => {
    expect(() => readContracts(join(ROOT, 'wsdl'))).not.toThrow();
  });

  it('refuses a status that is not a success code of the operation', () => {
    expect(() => readEdited(annotate('GetServerTimeResponseType', 'timestamp', '<sdk:presentOnSuccess status="6040"/>'))).toThrow(
      'GetServerTimeResponseType.timestamp: 6040 is not a success code of getServerTime',
    );
  });

  it('refuses the annotation outside an operation response type', () => {
    expect(() => readEdited(annotate('BaseResponseType', 'detail', '<sdk:presentOnSuccess/>'))).toThrow(
      "BaseResponseType.detail: sdk:presentOnSuccess belongs on a field of an operation's response type",
    );
  });

  it('refuses the annotation on an element the schema already requires', () => {
    const required = (xsd: string) =>
      annotate(
        'GetServerTimeResponseType',
        'timestamp',
        '<sdk:presentOnSuccess/>',
      )(xsd).replace(
        '<xsd:element name="timestamp" type="xsd:dateTime" minOccurs="0"',
        '<xsd:element name="timestamp" type="xsd:dateTime" minOccurs="1"',
      );
    expect(() => readEdited(required)).toThrow(
      'GetServerTimeResponseType.timestamp: sdk:presentOnSuccess on a required element says nothing',
    );
  });

  it('refuses the annotation on a nested type, even inside a response', () => {
    expect(() => readEdited(annotate('PushDetailType', 'pushCredentialId', '<sdk:presentOnSuccess/>'))).toThrow(
      "PushDetailType.pushCredentialId: sdk:presentOnSuccess belongs on a field of an operation's response type",
    );
  });
});
