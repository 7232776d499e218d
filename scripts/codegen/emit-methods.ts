/**
 * Emits src/generated/methods.ts: an abstract class with one documented method per operation. The hand-written
 * VipClient extends it and supplies `invoke`, the single call path every method goes through.
 */
import { allFields, type ComplexTypeDef, type ContractModel, type FieldDef, type OperationDef, optionalInInput } from './model.js';
import { primitiveKind } from './read-contracts.js';
import { capitalize } from './emit-types.js';

/** Plausible values for the fields an example needs, by wire name. */
const SAMPLES: Record<string, string> = {
  userId: "'alice@example.com'",
  UserId: "'alice@example.com'",
  credentialId: "'VSMT12345678'",
  credentialType: "'STANDARD_OTP'",
  otp: "'123456'",
  Ip: "'198.51.100.7'",
  UserAgent: "'Mozilla/5.0 (X11; Linux x86_64)'",
  EventId: "'123456789012'",
  transactionId: "'2ae68a940ec4236b'",
  phoneNumber: "'15555550100'",
  id: "'SVC12345678'",
  friendlyName: "'Work phone'",
  Key: "'display.message.text'",
  Value: "'Sign in to Example'",
  expirationTime: 'new Date(Date.now() + 3_600_000)',
  newUserStatus: "'ACTIVE'",
};

/** Optional request fields an example should still show, because most real calls send them. */
const SHOWN_OPTIONAL = new Set([
  'otpAuthData',
  'temporaryPasswordAttributes',
  'expirationTime',
  'oneTimeUseOnly',
  'friendlyName',
  'newUserStatus',
  'displayParameters',
]);

function sampleValue(model: ContractModel, field: FieldDef): string {
  const complex = model.complexTypes.get(field.type);
  let value: string;
  if (complex && !complex.simpleContent) value = sampleObject(model, complex);
  else {
    const kind = primitiveKind(field.type) ?? model.simpleTypes.get(field.type)?.kind ?? 'string';
    const enumeration = model.simpleTypes.get(field.type)?.facets.enumeration;
    value = SAMPLES[field.name] ?? (enumeration ? `'${enumeration[0]}'` : kind === 'boolean' ? 'true' : kind === 'int' ? '1' : "'example'");
  }
  return field.maxOccurs > 1 ? `[${value}]` : value;
}

/** An object literal holding the required fields, and the first member of each required choice. */
function sampleObject(model: ContractModel, type: ComplexTypeDef, own = false): string {
  const { fields, choices } = own ? { fields: type.fields, choices: type.choices } : allFields(model, type);
  const chosen = (f: FieldDef) => {
    const choice = f.choice === undefined ? undefined : choices[f.choice];
    return choice !== undefined && choice.members[0] === f.name && (choice.minOccurs > 0 || own);
  };
  const wanted = fields.filter((f) => (f.choice === undefined ? f.minOccurs > 0 || SHOWN_OPTIONAL.has(f.name) : chosen(f)));
  if (wanted.length === 0) return '{}';
  return `{ ${wanted.map((f) => `${f.name}: ${sampleValue(model, f)}`).join(', ')} }`;
}

function methodDoc(model: ContractModel, op: OperationDef): string {
  const request = model.complexTypes.get(op.requestType) as ComplexTypeDef;
  const success = op.successCodes.map((c) => `\`${c}\``).join(' or ');
  const lines = [
    ...op.doc.split('\n'),
    '',
    `Service: ${op.service}. Request element: \`${op.requestElement}\`. Success status: ${success}.`,
    op.idempotent
      ? 'Safe to repeat: retried after timeouts, HTTP 502/503/504 and transient VIP errors when `retry` allows.'
      : 'Not repeated automatically (it changes state, consumes a code or sends a message): retried only when the request certainly never left.',
    '',
    '@param input - The request fields, with their wire names.',
    '@param options - Per-call `requestId`, `onBehalfOfAccountId`, `timeoutMs` and `signal`.',
    '@returns The response fields, typed and coerced.',
    '@throws {@link VipValidationError} when the input breaks the contract; nothing is sent.',
    '@throws {@link VipServiceError} (a subclass per status code) when VIP answers with a status that is not a success.',
    '@throws {@link VipConnectionError}, {@link VipTimeoutError}, {@link VipAbortError}, {@link VipHttpError}, {@link VipProtocolError}, {@link VipSoapFaultError} when no usable answer arrives.',
    '@example',
    '```ts',
    `const result = await vip.${op.name}(${sampleObject(model, request, true).replace(/^\{\}$/, '')});`,
    '```',
  ];
  return `  /**\n${lines.map((l) => `   *${l ? ` ${l}` : ''}`).join('\n')}\n   */\n`;
}

export function emitMethods(model: ContractModel): string {
  const operations = model.services.flatMap((s) => s.operations);
  const imports = operations.flatMap((op) => [`${capitalize(op.name)}Input`, `${capitalize(op.name)}Output`]);
  const methods = operations
    .map((op) => {
      // An input with nothing required (getServerTime) may be left out.
      const request = model.complexTypes.get(op.requestType) as ComplexTypeDef;
      const optional = request.fields.every((f) => optionalInInput(model, f)) && request.choices.every((c) => c.minOccurs === 0);
      const parameter = `input: ${capitalize(op.name)}Input${optional ? ' = {}' : ''}`;
      return `${methodDoc(model, op)}  ${op.name}(${parameter}, options?: TCallOptions): Promise<${capitalize(op.name)}Output> {\n    return this.invoke('${op.name}', input, options);\n  }\n`;
    })
    .join('\n');
  return `import type { OperationName } from './operations.js';
import type {
${imports.map((i) => `  ${i},`).join('\n')}
  OperationInputs,
  OperationOutputs,
} from './types.js';

/**
 * One method per VIP User Services operation, each a thin typed entry into \`invoke\`.
 * \`TCallOptions\` is the per-call options type of the client that extends this class.
 */
export abstract class VipOperations<TCallOptions> {
  /** Sends one operation and returns its typed result; implemented by the client. */
  protected abstract invoke<N extends OperationName>(
    operation: N,
    input: OperationInputs[N],
    options: TCallOptions | undefined,
  ): Promise<OperationOutputs[N]>;

${methods}}
`;
}
