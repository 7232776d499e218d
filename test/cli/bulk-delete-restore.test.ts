/**
 * `bulk delete-users` and `bulk restore`: the confirmation rule (--yes, or a prompt at a terminal), the backup of
 * each user flushed before its delete, no delete when the backup failed, exclusions that protect administrators,
 * and a restore that brings users back with their state and bindings and says what it could not bring back.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type GetUserInfoOutput, VipClient } from 'vip-user-services';
import { type MockServer, startMockServer } from 'vip-user-services/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existingUsers, readJsonLines, readResults, tempFolder, writeLines } from './bulk-support.js';
import { cli, jsonOf } from './support.js';

let mock: MockServer;
let vip: VipClient;
beforeAll(async () => {
  mock = await startMockServer({ seed: true });
  vip = new VipClient({ endpoint: mock.url });
});
afterAll(async () => {
  await vip.close();
  await mock.close();
});

const PHONE = '15551230001';

/** dave: PIN, DISABLED, two app credentials with push and an SMS number; erin: nothing bound; ADM_boss: an admin. */
beforeEach(async () => {
  mock.reset();
  await vip.createUser({ userId: 'dave@example.com', pin: 'Dave-PIN-9931' });
  await vip.addCredential({
    userId: 'dave@example.com',
    credentialDetail: { credentialId: 'VSMT00000001', credentialType: 'STANDARD_OTP', friendlyName: 'Dave phone' },
  });
  await vip.addCredential({
    userId: 'dave@example.com',
    credentialDetail: { credentialId: 'UBHE00000002', credentialType: 'STANDARD_OTP', friendlyName: 'Dave key fob' },
  });
  await vip.register({ smsDeliveryInfo: { phoneNumber: PHONE } });
  await vip.addCredential({ userId: 'dave@example.com', credentialDetail: { credentialId: PHONE, credentialType: 'SMS_OTP' } });
  await vip.updateUser({ userId: 'dave@example.com', newUserStatus: 'DISABLED' });
  await vip.createUser({ userId: 'erin@example.com' });
  await vip.createUser({ userId: 'ADM_boss' });
  requestsBefore = mock.requests.length;
});
let requestsBefore = 0;

function bulk(folder: string, args: string[], options: { tty?: boolean; stdin?: string } = {}) {
  return cli(['--endpoint', mock.url, 'bulk', ...args], { cwd: folder, ...options });
}

function sentSince(operation?: string) {
  return mock.requests.slice(requestsBefore).filter((request) => operation === undefined || request.operation === operation);
}

async function leavers(folder: string): Promise<string> {
  return writeLines(folder, 'leavers.csv', ['User ID', 'dave@example.com', 'ghost@example.com', 'ADM_boss', 'erin@example.com']);
}

describe('bulk delete-users', () => {
  it('needs --yes without a terminal, and sends nothing then', async () => {
    const folder = await tempFolder();
    await leavers(folder);
    const run = await bulk(folder, ['delete-users', 'leavers.csv']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bulk delete-users would delete up to 4 users listed in leavers.csv');
    expect(run.stderr).toContain('pass --yes to confirm');
    expect(sentSince()).toHaveLength(0);
  });

  it('saves each user before deleting it, protects excluded users and skips users that do not exist', async () => {
    const folder = await tempFolder();
    await leavers(folder);
    const run = await bulk(folder, ['delete-users', 'leavers.csv', '--yes', '--exclude', 'adm_*', '--json']);
    expect(run.code).toBe(0);
    const backupPath = join(folder, 'leavers.delete-users.backup.jsonl');
    expect(jsonOf(run)).toMatchObject({ total: 4, done: 2, skipped: 2, failed: 0, byStatus: { '0000': 2, '6003': 1 }, backup: backupPath });
    const results = await readResults(join(folder, 'leavers.delete-users.results.csv'));
    expect(results.map(({ userId, outcome, reason }) => [userId, outcome, reason])).toEqual([
      ['dave@example.com', 'done', ''],
      ['ghost@example.com', 'skipped', 'user not found'],
      ['ADM_boss', 'skipped', 'excluded by adm_*'],
      ['erin@example.com', 'done', ''],
    ]);
    expect([...(await existingUsers(mock, ['dave@example.com', 'erin@example.com', 'ADM_boss'])).keys()]).toEqual(['ADM_boss']);
    // Every delete came after its user's backup.
    const operations = sentSince().map((request) => request.operation);
    expect(operations.filter((operation) => operation === 'deleteUser')).toHaveLength(2);
    const backup = await readJsonLines(backupPath);
    expect(backup.map((record) => record.userId)).toEqual(['dave@example.com', 'erin@example.com']);
    const dave = backup[0] as { info: GetUserInfoOutput; t: string; v: number };
    expect(dave).toMatchObject({ t: 'user', v: 1, info: { userStatus: 'DISABLED', isPinSet: true, numBindings: 3 } });
    expect(dave.info.credentialBindingDetail?.map((binding) => binding.credentialId)).toEqual(['VSMT00000001', 'UBHE00000002', PHONE]);
    expect(await readFile(backupPath, 'utf8')).not.toContain('Dave-PIN-9931');
  });

  it('does not delete a user whose backup could not be read', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'one.csv', ['userId', 'erin@example.com', 'dave@example.com']);
    // getUserInfo is a read: the SDK tries three times before giving up.
    mock.inject({ operation: 'getUserInfo', status: '6005', times: 3 });
    const run = await bulk(folder, ['delete-users', 'one.csv', '--yes', '--concurrency', '1', '--json']);
    expect(run.code).toBe(4);
    expect(jsonOf(run)).toMatchObject({ done: 1, failed: 1 });
    const [erin] = await readResults(join(folder, 'one.delete-users.results.csv'));
    expect(erin).toMatchObject({
      outcome: 'failed',
      code: '6005',
      error: 'VipInternalError',
      reason: 'getUserInfo erin@example.com -> backup failed; the row stops there',
    });
    expect([...(await existingUsers(mock, ['erin@example.com', 'dave@example.com'])).keys()]).toEqual(['erin@example.com']);
    expect(sentSince('deleteUser')).toHaveLength(1);
  });

  it('refuses a backup file it cannot write before deleting anything', async () => {
    const folder = await tempFolder();
    await leavers(folder);
    const run = await bulk(folder, ['delete-users', 'leavers.csv', '--yes', '--backup', join(folder, 'no-such-folder', 'backup.jsonl')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot write .*no-such-folder.*backup\.jsonl/);
    expect(sentSince()).toHaveLength(0);
  });

  it('counts a delete VIP applied before the answer was lost as done on the rerun', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'erin.csv', ['userId', 'erin@example.com']);
    mock.inject({ operation: 'deleteUser', fault: 'malformedXml', times: 1 });
    expect((await bulk(folder, ['delete-users', 'erin.csv', '--yes'])).code).toBe(4);
    const rerun = await bulk(folder, ['delete-users', 'erin.csv', '--yes']);
    expect(rerun.code).toBe(0);
    expect((await readResults(join(folder, 'erin.delete-users.results.csv')))[0]).toMatchObject({
      outcome: 'done',
      reason: 'deleted by the interrupted run',
      code: '6003',
    });
    // The backup line of the first run is all a restore needs.
    expect((await readJsonLines(join(folder, 'erin.delete-users.backup.jsonl'))).map((record) => record.userId)).toEqual([
      'erin@example.com',
    ]);
  });
});

describe('bulk restore', () => {
  it('recreates deleted users with their state and bindings, and lists what it could not bring back', async () => {
    const folder = await tempFolder();
    await leavers(folder);
    expect((await bulk(folder, ['delete-users', 'leavers.csv', '--yes', '--exclude', 'ADM_*'])).code).toBe(0);
    const run = await bulk(folder, ['restore', 'leavers.delete-users.backup.jsonl', '--json']);
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toMatchObject({
      job: 'restore',
      total: 2,
      done: 2,
      failed: 0,
      results: join(folder, 'leavers.delete-users.backup.restore.results.csv'),
    });
    const dave = await vip.getUserInfo({ userId: 'dave@example.com' });
    expect(dave.userStatus).toBe('DISABLED');
    expect(dave.credentialBindingDetail?.map((binding) => [binding.credentialId, binding.bindingDetail.friendlyName])).toEqual([
      ['VSMT00000001', 'Dave phone'],
      ['UBHE00000002', 'Dave key fob'],
      [PHONE, undefined],
    ]);
    expect((await vip.getUserInfo({ userId: 'erin@example.com' })).numBindings).toBe(0);
    const [daveResult, erinResult] = await readResults(join(folder, 'leavers.delete-users.backup.restore.results.csv'));
    expect(daveResult?.reason).toBe('PIN not restored (VIP never returns it); VSMT00000001: push may need turning on again in VIP Access');
    expect(erinResult?.reason).toBe('');
  });

  it('registers an SMS number again when VIP no longer knows it, and tries every binding even when one fails', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'dave.csv', ['userId', 'dave@example.com']);
    expect((await bulk(folder, ['delete-users', 'dave.csv', '--yes'])).code).toBe(0);
    mock.inject({ operation: 'addCredential', status: '6016', times: 1 });
    mock.inject({ operation: 'addCredential', status: '6004', times: 1 });
    const first = await bulk(folder, ['restore', 'dave.delete-users.backup.jsonl', '--concurrency', '1']);
    expect(first.code).toBe(4);
    const [result] = await readResults(join(folder, 'dave.delete-users.backup.restore.results.csv'));
    // The first add (VSMT...) is refused with 6016: it is no phone number, so it fails; 6004 fails the second.
    expect(result).toMatchObject({ outcome: 'failed', code: '6016', error: 'TokenNotRegisteredError' });
    expect(result?.message).toMatch(
      /^addCredential STANDARD_OTP VSMT00000001 -> dave@example.com: \[6016\].*; addCredential STANDARD_OTP UBHE00000002 -> dave@example.com: \[6004\]/,
    );
    expect((await vip.getUserInfo({ userId: 'dave@example.com' })).credentialBindingDetail?.map((b) => b.credentialId)).toEqual([PHONE]);

    // dave stays ACTIVE until every binding is back: VIP binds nothing to a disabled user.
    expect((await vip.getUserInfo({ userId: 'dave@example.com' })).userStatus).toBe('ACTIVE');

    // The rerun sends only what failed, the two adds (createUser is not sent again), and still not the disable.
    const sent = mock.requests.length;
    mock.inject({ operation: 'addCredential', status: '6016', times: 1 });
    const second = await bulk(folder, ['restore', 'dave.delete-users.backup.jsonl', '--concurrency', '1']);
    expect(second.code).toBe(4);
    expect(mock.requests.slice(sent).map((request) => request.operation)).toEqual(['addCredential', 'addCredential']);
    const third = await bulk(folder, ['restore', 'dave.delete-users.backup.jsonl']);
    expect(third.code).toBe(0);
    expect(mock.requests.slice(-2).map((request) => request.operation)).toEqual(['addCredential', 'updateUser']);
    const restored = await vip.getUserInfo({ userId: 'dave@example.com' });
    expect([restored.numBindings, restored.userStatus]).toEqual([3, 'DISABLED']);
  });

  it('registers a forgotten SMS number and adds it again', async () => {
    const folder = await tempFolder();
    const phone = '15551230002';
    await vip.register({ smsDeliveryInfo: { phoneNumber: phone } });
    requestsBefore = mock.requests.length;
    const backup = join(folder, 'sms.jsonl');
    await writeFile(
      backup,
      `${JSON.stringify({ t: 'user', v: 1, userId: 'sms@example.com', savedAt: new Date().toISOString(), info: { userStatus: 'ACTIVE', credentialBindingDetail: [{ credentialId: phone, credentialType: 'SMS_OTP', bindingDetail: { bindStatus: 'DISABLED' } }] } })}\n`,
    );
    mock.inject({ operation: 'addCredential', status: '6016', times: 1 });
    const run = await bulk(folder, ['restore', 'sms.jsonl']);
    expect(run.code).toBe(0);
    expect(sentSince().map((request) => request.operation)).toEqual(['createUser', 'addCredential', 'register', 'addCredential']);
    expect((await readResults(join(folder, 'sms.restore.results.csv')))[0]?.reason).toBe(`${phone} was disabled, restored enabled`);
  });

  it('restores a user saved twice from the last line, and reports lines that are no backup', async () => {
    const folder = await tempFolder();
    const line = (friendlyName: string) =>
      JSON.stringify({
        t: 'user',
        v: 1,
        userId: 'Twice@example.com',
        savedAt: '2026-01-01T00:00:00.000Z',
        info: {
          userStatus: 'LOCKED',
          isTempPasswordSet: true,
          credentialBindingDetail: [
            { credentialId: 'VSMT00000009', credentialType: 'STANDARD_OTP', bindingDetail: { friendlyName } },
            { credentialId: 'FIDO1', credentialType: 'SECURITY_KEY' },
          ],
        },
      });
    await writeFile(join(folder, 'twice.jsonl'), [line('old name'), '{"t":"job"}', 'not json', line('new name'), ''].join('\n'));
    const run = await bulk(folder, ['restore', 'twice.jsonl', '--json']);
    expect(run.code).toBe(4);
    expect(jsonOf(run)).toMatchObject({ total: 4, done: 1, skipped: 1, failed: 2 });
    const results = await readResults(join(folder, 'twice.restore.results.csv'));
    expect(results.map(({ line, outcome, reason, message }) => [line, outcome, reason || message])).toEqual([
      ['1', 'skipped', 'a later backup of this user (line 4) is restored instead'],
      ['2', 'failed', 'not a user backup record (written by bulk delete-users)'],
      ['3', 'failed', 'not JSON'],
      [
        '4',
        'done',
        "was LOCKED, restored ACTIVE; temporary security code not restored; SECURITY_KEY FIDO1 not restored (enrolled on the user's device)",
      ],
    ]);
    const twice = await vip.getUserInfo({ userId: 'twice@example.com' });
    expect(twice.credentialBindingDetail?.map((binding) => binding.bindingDetail.friendlyName)).toEqual(['new name']);
  });

  it('refuses a file that holds no backup, before sending anything', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'users.csv', ['userId', 'dave@example.com']);
    const run = await bulk(folder, ['restore', 'users.csv']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('users.csv holds no user backup: restore reads the backup file bulk delete-users writes');
    expect(sentSince()).toHaveLength(0);
  });

  it('plans a restore without sending anything', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'dave.csv', ['userId', 'dave@example.com']);
    expect((await bulk(folder, ['delete-users', 'dave.csv', '--yes'])).code).toBe(0);
    requestsBefore = mock.requests.length;
    const run = await bulk(folder, ['restore', 'dave.delete-users.backup.jsonl', '--dry-run']);
    expect(run.code).toBe(0);
    expect(sentSince()).toHaveLength(0);
    expect(run.stdout).toContain(
      `line 1      send  createUser dave@example.com; addCredential STANDARD_OTP VSMT00000001 -> dave@example.com; addCredential STANDARD_OTP UBHE00000002 -> dave@example.com; addCredential SMS_OTP ${PHONE} -> dave@example.com; updateUser dave@example.com -> DISABLED (PIN not restored`,
    );
  });
});
