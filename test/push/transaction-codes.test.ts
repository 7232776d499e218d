/**
 * waitForPush and the per-transaction codes of 1.10: number challenge pending (7140) keeps the wait going, and the
 * local-authentication (7120-7125) and number-challenge (7141) outcomes fail with their own classes, whether VIP
 * reports them as the transaction's status or as its detail. A 1.8 client reads transactions exactly as before.
 */
import { describe, expect, it } from 'vitest';
import {
  LocalAuthenticationCancelledError,
  LocalAuthenticationFailedError,
  LocalAuthenticationNotConfiguredError,
  LocalAuthenticationNotPerformedError,
  LocalAuthenticationNotSupportedByClientError,
  LocalAuthenticationNotSupportedByDeviceError,
  NumberChallengeFailedError,
  PushDeniedError,
  PushExpiredError,
  PushRequestParametersNotMetError,
  PushTransactionError,
  type SupportedApiVersion,
  VipServiceError,
  VipStatus,
  describeStatus,
} from 'vip-user-services';
import { fakeClient } from '../client/fake-transport.js';
import { requestIdOf, vipResponse } from '../helpers/soap-fixtures.js';

const ID = '2ae68a940ec4236b';
const FAST = { intervalMs: 1, timeoutMs: 5000 };

interface Step {
  status: string;
  detail?: string;
}

/** A client on `apiVersion` whose polls answer the steps in order (the last one repeats), and the number of polls. */
function polling(apiVersion: SupportedApiVersion, steps: Step[]) {
  const queue = [...steps];
  let polls = 0;
  const { vip } = fakeClient(
    (request) => {
      polls++;
      const step = (queue.length > 1 ? queue.shift() : queue[0]) as Step;
      const detail = step.detail === undefined ? '' : `<detail>${step.detail}</detail><detailMessage>d${step.detail}</detailMessage>`;
      const status = `<transactionStatus><transactionId>${ID}</transactionId><status>${step.status}</status><statusMessage>m${step.status}</statusMessage>${detail}</transactionStatus>`;
      return vipResponse('PollPushStatusResponse', requestIdOf(request.body), status);
    },
    { apiVersion },
  );
  return { vip, polls: () => polls };
}

async function failure(promise: Promise<unknown>): Promise<VipServiceError> {
  const error = await promise.then(
    () => expect.unreachable('the wait should have failed'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(VipServiceError);
  return error as VipServiceError;
}

describe("waitForPush with apiVersion '1.10'", () => {
  it('keeps waiting while the number challenge is pending, as the status or as the detail of 7001', async () => {
    const { vip, polls } = polling('1.10', [{ status: '7140' }, { status: '7001', detail: '7140' }, { status: '7000' }]);
    await expect(vip.waitForPush(ID, FAST)).resolves.toMatchObject({ transactionId: ID, status: '7000' });
    expect(polls()).toBe(3);
  });

  it.each([
    ['7120', LocalAuthenticationCancelledError],
    ['7121', LocalAuthenticationFailedError],
    ['7122', LocalAuthenticationNotSupportedByDeviceError],
    ['7123', LocalAuthenticationNotConfiguredError],
    ['7124', LocalAuthenticationNotSupportedByClientError],
    ['7125', LocalAuthenticationNotPerformedError],
  ])('fails with the class of local-authentication detail %s under 7008, keeping the 7008 error as its cause', async (code, errorClass) => {
    const { vip } = polling('1.10', [{ status: '7001' }, { status: '7008', detail: code }]);
    const error = await failure(vip.waitForPush(ID, FAST));
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(PushTransactionError);
    expect(error).toMatchObject({ code, statusMessage: `d${code}`, transactionId: ID, operation: 'waitForPush' });
    expect(error.solution).toBe(describeStatus(code)?.solution);
    expect(error.cause).toBeInstanceOf(PushRequestParametersNotMetError);
    expect(error.cause).toMatchObject({ code: '7008', detail: code, transactionId: ID });
  });

  it('fails with NumberChallengeFailedError when a wrong number was picked, as the detail of a final status', async () => {
    const { vip } = polling('1.10', [
      { status: '7001', detail: '7140' },
      { status: '7002', detail: '7141' },
    ]);
    const error = await failure(vip.waitForPush(ID, FAST));
    expect(error).toBeInstanceOf(NumberChallengeFailedError);
    expect(error.code).toBe(VipStatus.NumberChallengeFailed);
    expect(error.message).toContain('(transaction 2ae68a940ec4236b)');
    expect(error.cause).toBeInstanceOf(PushDeniedError);
  });

  it('fails with NumberChallengeFailedError when VIP reports 7141 as the status', async () => {
    const { vip } = polling('1.10', [{ status: '7141' }]);
    const error = await failure(vip.waitForPush(ID, FAST));
    expect(error).toBeInstanceOf(NumberChallengeFailedError);
    expect(error.cause).toBeUndefined();
  });

  it('keeps the status class when the detail is no 1.10 outcome', async () => {
    const { vip } = polling('1.10', [{ status: '7004', detail: '7140' }]);
    const error = await failure(vip.waitForPush(ID, FAST));
    expect(error).toBeInstanceOf(PushExpiredError);
    expect(error.detail).toBe('7140');
    const other = await failure(polling('1.10', [{ status: '7008', detail: '7002' }]).vip.waitForPush(ID, FAST));
    expect(other.constructor).toBe(PushRequestParametersNotMetError);
    expect(other.detail).toBe('7002');
  });
});

describe("waitForPush with apiVersion '1.8' beside '1.10'", () => {
  it('keeps the class of the status when a 1.10 code comes as the detail, where 1.10 refines it', async () => {
    const steps = [{ status: '7008', detail: '7121' }];
    const old = await failure(polling('1.8', steps).vip.waitForPush(ID, FAST));
    expect(old.constructor).toBe(PushRequestParametersNotMetError);
    expect(old).toMatchObject({ code: '7008', detail: '7121' });
    await expect(polling('1.10', steps).vip.waitForPush(ID, FAST)).rejects.toBeInstanceOf(LocalAuthenticationFailedError);
  });

  it('ends the wait on a 7140 status as it always did, where 1.10 keeps waiting', async () => {
    const steps = [{ status: '7140' }, { status: '7000' }];
    const old = polling('1.8', steps);
    expect((await failure(old.vip.waitForPush(ID, FAST))).code).toBe('7140');
    expect(old.polls()).toBe(1);
    await expect(polling('1.10', steps).vip.waitForPush(ID, FAST)).resolves.toMatchObject({ status: '7000' });
  });
});
