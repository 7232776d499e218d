/**
 * The shape of the operation plans: the tables, generated from wsdl/ into src/generated/operations.ts, that every
 * call runs on. The shapes are written by hand and the generated file holds only data typed by them, so the runtime
 * (writer, reader, redaction, client, mock, testing helpers) depends on a contract a reviewer can read, and a
 * generator change can alter the data but never quietly the types the runtime relies on.
 */

/** How a value is written to and read from XML. */
export type ValueKind = 'string' | 'boolean' | 'int' | 'double' | 'dateTime' | 'hex' | 'complex' | 'attributed';

/** Limits from the XSD that local validation enforces before a request is sent. */
export interface FieldFacets {
  /** Exact length, in characters (code points). */
  readonly length?: number;
  /** Shortest allowed length, in characters (code points). */
  readonly minLength?: number;
  /** Longest allowed length, in characters (code points). */
  readonly maxLength?: number;
  /** The XSD pattern, anchored, as a JavaScript regular expression. */
  readonly pattern?: RegExp;
  /** The XSD pattern as written, for error messages. */
  readonly patternSource?: string;
  /** Allowed values of a closed enumeration. */
  readonly enumeration?: readonly string[];
  /** Smallest allowed number. */
  readonly minInclusive?: number;
  /** Largest allowed number. */
  readonly maxInclusive?: number;
}

/** One element of a sequence, in wire order. */
export interface FieldPlan {
  /** The element's local name on the wire, also its key in inputs and outputs. */
  readonly name: string;
  /** How the value is written and read. */
  readonly kind: ValueKind;
  /** The contract requires the element (`minOccurs` 1). */
  readonly required: boolean;
  /**
   * The element is required but its type has no required content, so an empty element satisfies the contract:
   * the input type makes it optional and the request writer sends it empty when the input leaves it out (for
   * example `pushAuthData` of `authenticateUserWithPush`). Only ever set on required, single, `complex` fields.
   */
  readonly emptyWhenOmitted?: boolean;
  /** 1 for a single element; more (or `Infinity`) for a repeated one, which is always an array. */
  readonly maxOccurs: number;
  /** The nested type, for `complex` fields. */
  readonly type?: TypePlan;
  /** The attribute carried beside the text, for `attributed` fields. */
  readonly attribute?: string;
  /** The limits checked before sending, for restricted simple types. */
  readonly facets?: FieldFacets;
  /** The value is a secret: it is never logged. */
  readonly secret?: boolean;
  /** The value is personal data: masked in logs unless the client's `logPersonalData` is on. */
  readonly personal?: boolean;
  /** Other element names accepted for this field in responses. */
  readonly aliases?: readonly string[];
  /**
   * The API version that added the element (`sdk:since` in the contracts); absent for elements of the baseline,
   * 1.8. The request writer refuses a value for it when the client's `apiVersion` is older (a `VipValidationError`
   * with rule `version`), because an older VIP rejects the whole request as a schema violation (600B); the mock
   * leaves it out of answers on older paths. Responses are read the same way whatever the version.
   */
  readonly since?: '1.10';
}

/** An `xsd:choice`: exactly one (required) or at most one of the members. */
export interface ChoicePlan {
  /** Exactly one member must be given; otherwise at most one. */
  readonly required: boolean;
  /** The names of the fields in the choice. */
  readonly members: readonly string[];
}

/** A complex type, flattened: inherited fields first, in wire order. */
export interface TypePlan {
  /** The XSD type name. */
  readonly name: string;
  /** Every element, in wire order. */
  readonly fields: readonly FieldPlan[];
  /** The `xsd:choice` rules among the fields. */
  readonly choices: readonly ChoicePlan[];
}

/** The three VIP User Services services. */
export type ServiceName = 'Authentication' | 'Management' | 'Query';

/** A boolean result field that the client sets from the status rather than reading it from the wire. */
export interface ResultFlagPlan {
  /** The boolean output field (evaluateRisk: `Risky`). */
  readonly field: string;
  /** The statuses that make it true; every other success status makes it false. */
  readonly codes: readonly string[];
}

/**
 * Everything the client needs to know about one operation, precomputed from the contracts.
 *
 * @typeParam Name - The operation's name; `OPERATIONS` narrows it to the literal of each entry.
 */
export interface OperationPlan<Name extends string = string> {
  /** The WSDL operation name, also the client's method name. */
  readonly name: Name;
  /** The service (and so the URL) that hosts it. */
  readonly service: ServiceName;
  /** The SOAP body's request element. */
  readonly requestElement: string;
  /** The response element expected back. */
  readonly responseElement: string;
  /** Safe to send twice (a read): may be retried after a timeout or a transient VIP error. */
  readonly idempotent: boolean;
  /** Statuses that mean success for this operation (`0000`, and e.g. `6040` for push), upper case. */
  readonly successCodes: readonly string[];
  /**
   * For each success status, the top-level response fields an answer with that status always carries: the
   * fields the schema requires (`requestId`, `status`, `statusMessage`) and those the contract marks with
   * `sdk:presentOnSuccess` for that status (e.g. `transactionId` with 6040). The generated output type declares
   * exactly these as non-optional, so a successful answer that lacks one breaks the contract and must not reach
   * the caller. Every success code is a key. The result flag field is not listed: the client sets it itself.
   */
  readonly presentOnSuccess: Readonly<Record<string, readonly string[]>>;
  /**
   * A boolean result field set from the status (evaluateRisk: `Risky` is true when the status is 6009). The client
   * sets it on every successful result, so the output type declares it non-optional.
   */
  readonly resultFlag?: ResultFlagPlan;
  /** The request element's type. */
  readonly request: TypePlan;
  /** The response element's type. */
  readonly response: TypePlan;
}
