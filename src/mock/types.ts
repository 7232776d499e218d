/** The public shapes of the mock server: its options, the running server's handle, faults and push outcomes. */
import type { VipStatusCode } from '../errors/status-codes.js';
import type { OperationName } from '../generated/operations.js';

/**
 * How a push sent through the mock ends once its pending polls are used up: `approve` (7000), `deny` (7002),
 * `expire` (7004), or `never` (7001 for ever, to rehearse a user who does not answer).
 */
export type PushOutcome = 'approve' | 'deny' | 'expire' | 'never';

/** Push behaviour of the mock. */
export interface MockPushOptions {
  /**
   * How every push sent from now on ends.
   * @default 'approve'
   */
  outcome?: PushOutcome;
  /**
   * How many polls of a push answer 7001 (in progress) before the outcome is reported.
   * @default 1
   */
  pendingPolls?: number;
  /**
   * The account policy "Require Number Challenge". Every push then carries a two-digit number, returned as
   * `numbersChallengeValue` on the 1.10 paths (older paths cannot carry it, as with VIP), that the user must pick on
   * the phone: act as the phone with {@link MockServer.answerNumberChallenge}. Until it is answered, polls say 7001
   * with detail 7140 and an `approve` push waits; the right number lets the outcome through, a wrong one ends the
   * push with 7002 and detail 7141. `deny`, `expire` and `never` pushes end as set even unanswered.
   * @default false
   */
  numberChallenge?: boolean;
}

/** Your own server certificate for the mock's HTTPS endpoint, and the CA it trusts for client certificates. */
export interface MockTlsOptions {
  /** CA (PEM) that must have issued the client certificates; the mock rejects every other client. */
  ca: string | Buffer;
  /** Server certificate (PEM) for the host clients connect to. */
  cert: string | Buffer;
  /** Private key (PEM, unencrypted) of `cert`. */
  key: string | Buffer;
}

/**
 * The throwaway certificates the mock made with `tls: true`: trust `ca`, and present the client certificate
 * either as PEM (`clientCert` + `clientKey`) or as PKCS#12 (`clientPfx` + `pfxPassphrase`).
 */
export interface MockTlsMaterial {
  /** PEM of the CA that issued both the server and the client certificate. */
  ca: string;
  /** PEM client certificate the mock accepts. */
  clientCert: string;
  /** PEM (unencrypted) private key of `clientCert`. */
  clientKey: string;
  /** The client certificate, its key and the CA as a PKCS#12 bundle, encrypted with `pfxPassphrase`. */
  clientPfx: Buffer;
  /** Random passphrase of `clientPfx`. */
  pfxPassphrase: string;
}

/** Options of {@link startMockServer}. Every field is optional. */
export interface MockServerOptions {
  /**
   * TCP port to listen on.
   * @default 0 (a free port chosen by the system; read it from `url`)
   */
  port?: number;
  /**
   * Address to listen on.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * Serve HTTPS and demand a client certificate, like VIP. `true` makes throwaway certificates (a CA, a server
   * certificate for 127.0.0.1/localhost, a client certificate) and exposes them as `mock.tls`; or give your own.
   * Without it the mock speaks plain HTTP.
   * @default false
   */
  tls?: boolean | MockTlsOptions;
  /** How pushes behave; see {@link MockPushOptions}. */
  push?: MockPushOptions;
  /**
   * Start with the demo data: users alice@example.com (ACTIVE, credential VSMT12345678 bound), bob@example.com
   * (ACTIVE, no credentials) and carol@example.com (LOCKED).
   * @default false
   */
  seed?: boolean;
  /**
   * Consecutive failed authentications after which a user is LOCKED (further attempts give 601B).
   * @default 5
   */
  lockoutThreshold?: number;
  /**
   * The mock's clock in epoch milliseconds: it drives security codes, expiry times and every date it reports.
   * Freeze or advance it in tests.
   * @default () => Date.now()
   */
  now?: () => number;
}

/**
 * What a fault rule does to a matching request:
 * - `latency`: answers normally after `latencyMs` more milliseconds;
 * - `http503`: an HTTP 503 with an HTML body (the operation does not run);
 * - `status6005`: a normal VIP response with status 6005, internal error (the operation does not run); the same as
 *   a {@link StatusRule} with `status: '6005'`;
 * - `malformedXml`: the operation runs, but its response is cut in the middle of the envelope;
 * - `reset`: the connection is dropped before the operation runs;
 * - `hang`: no answer at all until the server closes (the operation does not run).
 */
export type FaultKind = 'latency' | 'http503' | 'status6005' | 'malformedXml' | 'reset' | 'hang';

/** Which requests a rule applies to, and for how long; shared by every kind of rule. */
export interface RuleScope {
  /** The operation to disturb, e.g. `'getUserInfo'`; omitted = every operation. */
  operation?: OperationName;
  /** How many matching requests to disturb before the rule retires itself; omitted = until removed. */
  times?: number;
}

/** A rule that disturbs the exchange itself: delay, outage, cut response, dropped connection; see {@link FaultKind}. */
export interface FaultKindRule extends RuleScope {
  /** What happens; see {@link FaultKind}. */
  fault: FaultKind;
  /** Extra delay in milliseconds, for `latency` (required there, ignored otherwise). */
  latencyMs?: number;
  /** Not allowed here: a rule either names a `fault` or a `status`. */
  status?: never;
}

/**
 * A rule that makes the mock answer with a VIP status of your choice instead of running the operation: the
 * operation's own response element, with the request's `requestId` echoed and only the base fields, so the client
 * raises the error class of that status (e.g. `CredentialRevokedError` for 600F). Nothing in the mock's data changes.
 */
export interface StatusRule extends RuleScope {
  /**
   * The status code: four hexadecimal digits, e.g. `'600F'` or `'6041'`. Any code works, documented or not, success
   * codes (`'0000'`, `'6040'`) included; it is sent as written.
   */
  status: VipStatusCode | (string & {});
  /**
   * The status message.
   * @default VIP's documented message for `status`, or `'Unknown status.'` for a code VIP does not document
   */
  statusMessage?: string;
  /** A detail code (four hexadecimal digits), e.g. `'49B5'`; omitted = no detail element. */
  detail?: string;
  /** The detail message; omitted = the mock's text for `detail` when it knows one, otherwise none. */
  detailMessage?: string;
  /** Not allowed here: a rule either names a `fault` or a `status`. */
  fault?: never;
}

/** One rule for {@link MockServer.inject}: a {@link FaultKindRule} (`fault`) or a {@link StatusRule} (`status`). */
export type FaultRule = FaultKindRule | StatusRule;

/** A request the mock received, in arrival order (requests hit by a rule included). */
export interface ReceivedRequest {
  /** The operation, e.g. `authenticateUser`. */
  operation: OperationName;
  /** The request's `requestId` as sent. */
  requestId: string;
  /** The child account acted for, when the request named one. */
  onBehalfOfAccountId?: string;
}

/** A running mock server; see {@link startMockServer}. */
export interface MockServer {
  /** Base URL to pass to `VipClient` as `endpoint`, e.g. `https://127.0.0.1:34567`. */
  readonly url: string;
  /** The throwaway certificates when started with `tls: true`; undefined otherwise. */
  readonly tls: MockTlsMaterial | undefined;
  /**
   * Every request received since the start (or the last `reset()`), in order. Requests turned away with a SOAP Fault
   * before reaching an operation (unknown path or operation, malformed XML) are not listed.
   */
  readonly requests: readonly ReceivedRequest[];
  /**
   * The security code that authenticates `credentialId` right now: the last unused SMS/voice code sent to it by
   * `sendOtp`, or the time-based code of a standard credential (one not used yet, so calling it again after a
   * successful sign-in gives the next valid code).
   * @throws {Error} when `credentialId` is an SMS/voice number with no unused code, is no standard credential ID
   * (four capital letters and eight digits) nor a registered service credential, or when every code of the
   * current time window has been used already (advance the clock).
   */
  otp(credentialId: string): string;
  /**
   * Changes how pushes sent from now on end. `pendingPolls` and `numberChallenge` (see {@link MockPushOptions})
   * keep their current values unless given.
   * @throws {TypeError} for an unknown outcome, a `pendingPolls` that is not a whole number >= 0, or a
   * `numberChallenge` that is not a boolean.
   */
  setPushOutcome(outcome: PushOutcome, options?: { pendingPolls?: number; numberChallenge?: boolean }): void;
  /**
   * Acts as the user's phone for a number challenge: picks `number` for push `transactionId`. The right number (the
   * push's `numbersChallengeValue`) lets the push end as set; any other ends it with 7002 and detail 7141 (number
   * challenge failed).
   * @throws {Error} when no push with that ID was sent, the push carries no number challenge (the policy was off
   * when it was sent), or its challenge was answered already.
   */
  answerNumberChallenge(transactionId: string, number: string): void;
  /**
   * Adds a rule and returns a function that removes it: a fault (`{ fault: 'http503' }`) or a VIP status to answer
   * with (`{ operation: 'addCredential', status: '600F', times: 1 }`). Rules are tried in the order they were added;
   * `latency` rules add up, and the first other matching rule decides the request's fate.
   * @throws {TypeError} for an unknown operation or fault, a bad `times`, `latency` without `latencyMs`, a rule with
   * both or neither of `fault` and `status`, a `status` or `detail` that is not four hexadecimal digits, or a
   * message that is not a string.
   */
  inject(rule: FaultRule): () => void;
  /** Removes every rule added with `inject`. */
  clearFaults(): void;
  /**
   * Back to the state right after start: data (seeded again when `seed` was set), push settings (outcome, pending
   * polls, number challenge) from the options, no fault rules, an empty `requests` list. Security-code secrets stay
   * the same.
   */
  reset(): void;
  /** Stops the server, dropping open connections (held `hang` requests included). Safe to call twice. */
  close(): Promise<void>;
  /** `await using mock = await startMockServer()` stops the server when the block ends. */
  [Symbol.asyncDispose](): Promise<void>;
}
