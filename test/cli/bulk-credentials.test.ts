/**
 * `bulk add-credentials`, `bulk remove-credentials` and `bulk update-users` against the embedded mock: bindings made
 * and removed, VIP's refusals per row, "not bound" skipped unless an interrupted run removed it, a `report users`
 * export fed back as the removal list, renames and PIN changes whose answers were lost.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VipClient } from 'vip-user-services';
import { type MockServer, startMockServer } from 'vip-user-services/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existingUsers, readResults, tempFolder, writeLines } from './bulk-support.js';
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
beforeEach(async () => {
  mock.reset();
  for (const userId of ['fay@example.com', 'gus@example.com']) await vip.createUser({ userId });
});

function bulk(folder: string, ...args: string[]) {
  return cli(['--endpoint', mock.url, 'bulk', ...args], { cwd: folder });
}

async function bindings(userId: string): Promise<[string, string | undefined][]> {
  const info = await vip.getUserInfo({ userId });
  return (info.credentialBindingDetail ?? []).map((binding) => [binding.credentialId, binding.bindingDetail.friendlyName]);
}

describe('bulk add-credentials', () => {
  it('binds each row, with friendly names, and fails the rows VIP or the column rules refuse', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'tokens.csv', [
      'userId,credentialId,credentialType,friendlyName,trustedDevice',
      'fay@example.com,VSMT10000001,standard_otp,Fay phone,',
      'fay@example.com,UBHE10000002,STANDARD_OTP,,no',
      'gus@example.com,VSMT10000001,STANDARD_OTP,,', // bound to fay: 6025
      'nobody@example.com,VSMT10000003,STANDARD_OTP,,', // 6003
      'gus@example.com,VSMT10000004,TOTP,,',
      'gus@example.com,VSMT10000005,STANDARD_OTP,,maybe',
    ]);
    const run = await bulk(folder, 'add-credentials', 'tokens.csv', '--json');
    expect(run.code).toBe(4);
    expect(jsonOf(run)).toMatchObject({ total: 6, done: 2, failed: 4, byStatus: { '0000': 2, '6003': 1, '6025': 1, InvalidRow: 2 } });
    const results = await readResults(join(folder, 'tokens.add-credentials.results.csv'));
    expect(results.map(({ credentialId, outcome, error }) => [credentialId, outcome, error])).toEqual([
      ['VSMT10000001', 'done', ''],
      ['UBHE10000002', 'done', ''],
      ['VSMT10000001', 'failed', 'MultiUserCredentialDisabledError'],
      ['VSMT10000003', 'failed', 'UserNotFoundError'],
      ['VSMT10000004', 'failed', 'InvalidRow'],
      ['VSMT10000005', 'failed', 'InvalidRow'],
    ]);
    expect(results[4]?.message).toMatch(/^credentialType must be one of STANDARD_OTP, SMS_OTP, .*, got "TOTP"$/);
    expect(results[5]?.message).toBe('trustedDevice must be true or false, got "maybe"');
    expect(await bindings('fay@example.com')).toEqual([
      ['VSMT10000001', 'Fay phone'],
      ['UBHE10000002', undefined],
    ]);
  });
});

describe('bulk remove-credentials', () => {
  beforeEach(async () => {
    for (const credentialId of ['VSMT20000001', 'VSMT20000002']) {
      await vip.addCredential({ userId: 'fay@example.com', credentialDetail: { credentialId, credentialType: 'STANDARD_OTP' } });
    }
  });

  it('unbinds each row; "not bound" and unknown users are skipped, since the credential is not theirs either way', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'lost.csv', [
      'userId,credentialId,credentialType',
      'fay@example.com,VSMT20000001,STANDARD_OTP',
      'gus@example.com,VSMT20000002,STANDARD_OTP',
      'nobody@example.com,VSMT20000002,STANDARD_OTP',
    ]);
    expect((await bulk(folder, 'remove-credentials', 'lost.csv')).code).toBe(2);
    const run = await bulk(folder, 'remove-credentials', 'lost.csv', '-y', '--json');
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toMatchObject({ done: 1, skipped: 2, byStatus: { '0000': 1, '6003': 1, '6007': 1 } });
    const results = await readResults(join(folder, 'lost.remove-credentials.results.csv'));
    expect(results.map(({ outcome, reason }) => [outcome, reason])).toEqual([
      ['done', ''],
      ['skipped', 'not bound to this user'],
      ['skipped', 'user not found'],
    ]);
    expect(await bindings('fay@example.com')).toEqual([['VSMT20000002', undefined]]);
  });

  it('counts a removal VIP applied before its answer was lost as done on the rerun', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'lost.csv', ['userId,credentialId,credentialType', 'fay@example.com,VSMT20000001,STANDARD_OTP']);
    mock.inject({ operation: 'removeCredential', fault: 'malformedXml', times: 1 });
    expect((await bulk(folder, 'remove-credentials', 'lost.csv', '--yes')).code).toBe(4);
    expect((await bulk(folder, 'remove-credentials', 'lost.csv', '--yes')).code).toBe(0);
    expect((await readResults(join(folder, 'lost.remove-credentials.results.csv')))[0]).toMatchObject({
      outcome: 'done',
      reason: 'removed by the interrupted run',
      code: '6007',
    });
  });

  it('takes a `report users` export, edited down to the credentials to remove, as its input', async () => {
    const folder = await tempFolder();
    const exported = await cli(['--endpoint', mock.url, 'report', 'users', '--users', 'fay@example.com', '--output', 'audit.csv'], {
      cwd: folder,
    });
    expect(exported.code).toBe(0);
    const [header, ...rows] = (await readFile(join(folder, 'audit.csv'), 'utf8')).trim().split('\n');
    await writeFile(join(folder, 'audit.csv'), [header, ...rows.filter((row) => row.includes('VSMT20000002'))].join('\n'));
    const run = await bulk(folder, 'remove-credentials', 'audit.csv', '--yes');
    expect(run.code).toBe(0);
    expect(await bindings('fay@example.com')).toEqual([['VSMT20000001', undefined]]);
  });
});

describe('bulk update-users', () => {
  it('renames, disables, enables and changes PINs; a row with nothing to change fails', async () => {
    await vip.createUser({ userId: 'pin@example.com', pin: 'Old-PIN-1111' });
    const folder = await tempFolder();
    await writeLines(folder, 'changes.csv', [
      'userId,newUserId,newUserStatus,oldPin,newPin,forcePinChange',
      'fay@example.com,fay.new@example.com,,,,',
      'gus@example.com,,disabled,,,',
      'pin@example.com,,,Old-PIN-1111,New-PIN-2222,true',
      'nobody@example.com,,ACTIVE,,,',
      'gus@example.com,,,,,',
      'gus@example.com,,,,,true',
    ]);
    const run = await bulk(folder, 'update-users', 'changes.csv', '--concurrency', '1', '--json');
    expect(run.code).toBe(4);
    expect(jsonOf(run)).toMatchObject({ done: 3, failed: 3, byStatus: { '0000': 3, '6003': 1, InvalidRow: 2 } });
    const results = await readResults(join(folder, 'changes.update-users.results.csv'));
    expect(results.slice(3).map(({ error, message }) => [error, message])).toEqual([
      ['UserNotFoundError', expect.stringContaining('[6003]')],
      ['InvalidRow', 'nothing to change (give newUserId, userStatus or newPin)'],
      ['InvalidRow', 'forcePinChange needs a newPin'],
    ]);
    expect([...(await existingUsers(mock, ['fay@example.com', 'fay.new@example.com'])).keys()]).toEqual(['fay.new@example.com']);
    expect((await vip.getUserInfo({ userId: 'gus@example.com' })).userStatus).toBe('DISABLED');
    const written = [
      run.stdout,
      run.stderr,
      await readFile(join(folder, 'changes.update-users.journal.jsonl'), 'utf8'),
      await readFile(join(folder, 'changes.update-users.results.csv'), 'utf8'),
    ].join('\n');
    for (const secret of ['Old-PIN-1111', 'New-PIN-2222']) expect(written).not.toContain(secret);
  });

  it('counts a rename or PIN change VIP applied before its answer was lost as done on the rerun', async () => {
    await vip.createUser({ userId: 'pin@example.com', pin: 'Old-PIN-1111' });
    const folder = await tempFolder();
    await writeLines(folder, 'changes.csv', [
      'userId,newUserId,oldPin,newPin',
      'fay@example.com,fay.renamed@example.com,,',
      'pin@example.com,,Old-PIN-1111,New-PIN-3333',
    ]);
    mock.inject({ operation: 'updateUser', fault: 'malformedXml', times: 2 });
    expect((await bulk(folder, 'update-users', 'changes.csv')).code).toBe(4);
    expect((await bulk(folder, 'update-users', 'changes.csv')).code).toBe(0);
    const results = await readResults(join(folder, 'changes.update-users.results.csv'));
    expect(results.map(({ outcome, reason, code }) => [outcome, reason, code])).toEqual([
      ['done', 'renamed by the interrupted run', '6003'],
      ['done', 'PIN changed by the interrupted run', '601F'],
    ]);
  });
});
