/**
 * Request IDs: the client generates schema-valid, unique IDs when the caller gives none, sends a caller's ID as is,
 * and checks that the response echoes the ID of its own request.
 */
import { describe, expect, it } from 'vitest';
import { UserNotFoundError, VipProtocolError } from 'vip-user-services';
import { requestIdOf, vipResponse } from '../helpers/soap-fixtures.js';
import { echoing, fakeClient } from './fake-transport.js';

const REQUEST_ID = /^[0-9A-Za-z_]{4,40}$/;

describe('generated request IDs', () => {
  it('are schema-valid and unique across 1000 concurrent calls, and each answer is matched to its call', async () => {
    // Answer out of order so that a mix-up between concurrent calls would show.
    const { vip, transport } = fakeClient(async (request) => {
      const id = requestIdOf(request.body);
      await new Promise((resolve) => setTimeout(resolve, id.charCodeAt(id.length - 1) % 5));
      return vipResponse('GetServerTimeResponse', id, `<timestamp>2026-11-20T13:15:30.123Z</timestamp>`);
    });
    const outputs = await Promise.all(Array.from({ length: 1000 }, () => vip.getServerTime({})));

    const sent = transport.bodies.map(requestIdOf);
    expect(sent).toHaveLength(1000);
    for (const id of sent) expect(id).toMatch(REQUEST_ID);
    expect(new Set(sent).size).toBe(1000);
    expect(new Set(outputs.map((output) => output.requestId))).toEqual(new Set(sent));
  });

  it('differ between two clients in the same process', async () => {
    const first = fakeClient(echoing('GetServerTimeResponse'));
    const second = fakeClient(echoing('GetServerTimeResponse'));
    await first.vip.getServerTime({});
    await second.vip.getServerTime({});
    expect(requestIdOf(first.transport.bodies[0] ?? '')).not.toBe(requestIdOf(second.transport.bodies[0] ?? ''));
  });

  it('are carried by the errors of the call', async () => {
    const { vip, transport } = fakeClient(echoing('GetUserInfoResponse', '', { status: '6003', statusMessage: 'User does not exist.' }));
    const error = await vip.getUserInfo({ userId: 'nobody' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserNotFoundError);
    expect((error as UserNotFoundError).requestId).toBe(requestIdOf(transport.bodies[0] ?? ''));
    expect((error as UserNotFoundError).message).toContain((error as UserNotFoundError).requestId);
  });
});

describe('caller-supplied request IDs', () => {
  it('are sent unchanged', async () => {
    const { vip, transport } = fakeClient(echoing('GetServerTimeResponse'));
    const output = await vip.getServerTime({}, { requestId: 'My_Request_0042' });
    expect(requestIdOf(transport.bodies[0] ?? '')).toBe('My_Request_0042');
    expect(output.requestId).toBe('My_Request_0042');
  });
});

describe('the echoed request ID', () => {
  it('must match the request: an answer meant for another request is a VipProtocolError', async () => {
    const { vip } = fakeClient(() => vipResponse('GetServerTimeResponse', 'NOT_MINE_0001'));
    const error = await vip.getServerTime({}, { requestId: 'MINE_0001' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VipProtocolError);
    expect(error).toMatchObject({ requestId: 'MINE_0001', operation: 'getServerTime' });
  });

  it('is compared exactly (case matters)', async () => {
    const { vip } = fakeClient(() => vipResponse('GetServerTimeResponse', 'mine_0001'));
    await expect(vip.getServerTime({}, { requestId: 'MINE_0001' })).rejects.toBeInstanceOf(VipProtocolError);
  });

  it('is checked before the status, so a failure meant for another request is not reported as ours', async () => {
    const { vip } = fakeClient(() =>
      vipResponse('GetUserInfoResponse', 'NOT_MINE_0002', '', { status: '6003', statusMessage: 'User does not exist.' }),
    );
    await expect(vip.getUserInfo({ userId: 'alice' }, { requestId: 'MINE_0002' })).rejects.toBeInstanceOf(VipProtocolError);
  });
});
