/**
 * The mock's control surface: options checking, reset(), otp() edge cases, push settings, and TLS with certificates
 * of one's own (and a client without a certificate being turned away).
 */
import { connect } from 'node:net';
import { Agent } from 'undici';
import { VipClient, VipConnectionError } from 'vip-user-services';
import { CHILD_ACCOUNT_ID, DEMO_DATA, startMockServer } from 'vip-user-services/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThrowawayCertificates } from '../../src/mock/certificates.js';
import { type MockPair, rejectionOf, startPair } from './support.js';

describe('options', () => {
  it.each([
    [{ port: -1 }],
    [{ port: 70_000 }],
    [{ host: '' }],
    [{ lockoutThreshold: 0 }],
    [{ push: { outcome: 'maybe' as never } }],
    [{ push: { pendingPolls: 1.5 } }],
    [{ now: 5 as never }],
    [{ tls: { ca: 'x' } as never }],
  ])('rejects %j with a TypeError', async (options) => {
    await expect(startMockServer(options)).rejects.toThrow(TypeError);
  });

  it('exposes the demo data and the child account ID', () => {
    expect(DEMO_DATA).toMatchObject({
      alice: 'alice@example.com',
      aliceCredential: 'VSMT12345678',
      bob: 'bob@example.com',
      carol: 'carol@example.com',
    });
    expect(CHILD_ACCOUNT_ID).toBe('CHILD01');
  });
});

describe('a plain HTTP mock', () => {
  let pair: MockPair;

  beforeAll(async () => {
    pair = await startPair({ tls: false, seed: true, push: { outcome: 'deny', pendingPolls: 0 } });
  });

  afterAll(async () => {
    await pair.close();
  });

  it('listens on 127.0.0.1 over http and has no TLS material', () => {
    expect(pair.mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(pair.mock.tls).toBeUndefined();
  });

  it('reset() restores the seed, the push outcome, no faults and an empty request log', async () => {
    await pair.vip.deleteUser({ userId: DEMO_DATA.bob });
    pair.mock.setPushOutcome('approve', { pendingPolls: 3 });
    pair.mock.inject({ fault: 'http503' });
    pair.mock.reset();
    expect(pair.mock.requests).toHaveLength(0);
    expect((await pair.vip.getUserInfo({ userId: DEMO_DATA.bob })).userStatus).toBe('ACTIVE');
    const sent = await pair.vip.authenticateUserWithPush({ userId: DEMO_DATA.alice, pushAuthData: {} });
    const polled = await pair.vip.pollPushStatus({ transactionId: [sent.transactionId as string] });
    expect(polled.transactionStatus?.[0]?.status).toBe('7002');
  });

  it('setPushOutcome keeps the pending polls unless told otherwise, and checks its arguments', async () => {
    pair.mock.setPushOutcome('approve', { pendingPolls: 2 });
    pair.mock.setPushOutcome('expire');
    const sent = await pair.vip.authenticateUserWithPush({ userId: DEMO_DATA.alice, pushAuthData: {} });
    const statuses: string[] = [];
    for (let poll = 0; poll < 3; poll++) {
      const polled = await pair.vip.pollPushStatus({ transactionId: [sent.transactionId as string] });
      statuses.push(polled.transactionStatus?.[0]?.status as string);
    }
    expect(statuses).toEqual(['7001', '7001', '7004']);
    expect(() => pair.mock.setPushOutcome('later' as never)).toThrow(TypeError);
    expect(() => pair.mock.setPushOutcome('approve', { pendingPolls: -1 })).toThrow(TypeError);
  });

  it('otp() refuses numbers without a sent code and IDs that cannot be standard credentials', async () => {
    await pair.vip.register({ smsDeliveryInfo: { phoneNumber: '15550004444' } });
    expect(() => pair.mock.otp('15550004444')).toThrow(/sendOtp/);
    expect(() => pair.mock.otp('not-a-credential')).toThrow(/not a standard credential ID/);
    expect(pair.mock.otp('UBHE10101010')).toMatch(/^\d{6}$/);
  });

  it('closing twice is harmless: the second close resolves and the port stays closed', async () => {
    const extra = await startMockServer();
    const { port } = new URL(extra.url);
    await extra.close();
    await expect(extra.close()).resolves.toBeUndefined();
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});

describe('TLS with certificates of your own', () => {
  it('demands a client certificate from the given CA', async () => {
    const certificates = await createThrowawayCertificates();
    const mock = await startMockServer({
      tls: { ca: certificates.ca, cert: certificates.serverCert, key: certificates.serverKey },
      seed: true,
    });
    const withCertificate = new VipClient({
      endpoint: mock.url,
      tls: { cert: certificates.clientCert, key: certificates.clientKey, ca: certificates.ca },
    });
    // A client that trusts the mock's CA but has no certificate of its own.
    const anonymous = new Agent({ connect: { ca: certificates.ca } });
    const withoutCertificate = new VipClient({ endpoint: mock.url, dispatcher: anonymous, retry: false });
    try {
      expect(mock.url).toMatch(/^https:/);
      expect(mock.tls).toBeUndefined();
      expect((await withCertificate.getUserInfo({ userId: DEMO_DATA.alice })).status).toBe('0000');
      expect(await rejectionOf(withoutCertificate.getServerTime({}))).toBeInstanceOf(VipConnectionError);
    } finally {
      await withCertificate.close();
      await withoutCertificate.close();
      await anonymous.close();
      await mock.close();
    }
  });
});
