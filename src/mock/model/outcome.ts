/** What an operation handler of the mock receives and returns. */
import type { OperationName } from '../../generated/operations.js';
import type { BaseResponse, OperationInputs, OperationOutputs } from '../../generated/types.js';
import type { OtpAuthority } from '../otp.js';
import type { PushOutcome } from '../types.js';
import type { AccountState } from './state.js';

/** The operation-specific fields of a response (the base fields are filled in by the dispatcher). */
export type ResultFields<N extends OperationName> = Partial<Omit<OperationOutputs[N], keyof BaseResponse>>;

/** A handler's answer: the status, an optional detail code, and the response fields. */
export interface Outcome<N extends OperationName = OperationName> {
  status: string;
  detail?: string;
  fields?: ResultFields<N>;
}

/** Server-wide settings handlers read; the mock's control methods change them. */
export interface MockSettings {
  lockoutThreshold: number;
  pushOutcome: PushOutcome;
  pendingPolls: number;
  /** The account policy "require number challenge": every push carries a two-digit number to pick on the phone. */
  numberChallenge: boolean;
}

/** Everything a handler may use besides its input. */
export interface HandlerContext {
  /** The account the request acts on (the main one, or the child named by onBehalfOfAccountId). */
  account: AccountState;
  /** The mock's clock at the time of the request. */
  now: Date;
  otp: OtpAuthority;
  settings: MockSettings;
  /** The API version of the path the request came in on (`1.8`, `1.10`); answers leave out what it lacks. */
  apiVersion: string;
}

/** An operation's handler: pure state transitions on the account, no I/O. */
export type Handler<N extends OperationName> = (input: OperationInputs[N], context: HandlerContext) => Outcome<N>;

/** A successful outcome (status 0000 unless another success code is given). */
export function success<N extends OperationName>(fields?: ResultFields<N>, status = '0000'): Outcome<N> {
  return fields === undefined ? { status } : { status, fields };
}

/** A failed outcome with a VIP status and, optionally, a detail code. */
export function failure(status: string, detail?: string): Pick<Outcome, 'status' | 'detail'> {
  return detail === undefined ? { status } : { status, detail };
}

/** Detail code of a wrong security code. */
export const INVALID_OTP_DETAIL = '49B5';
