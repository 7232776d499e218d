/** The mock's security codes: RFC 6238 test vectors, the accepted window, single use, sent codes. */
import { describe, expect, it } from 'vitest';
import { OTP_STEP_MS, OtpAuthority, totp } from '../../src/mock/otp.js';

const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('totp', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('matches the RFC 6238 SHA-1 vector at T=%i', (seconds, expected) => {
    expect(totp(RFC_SECRET, Math.floor(seconds / 30), 8)).toBe(expected);
  });

  it('gives six digits by default, keeping leading zeros', () => {
    expect(totp(RFC_SECRET, Math.floor(1111111109 / 30))).toBe('081804');
  });
});

describe('OtpAuthority', () => {
  const start = 1_000 * OTP_STEP_MS;

  it('derives different secrets per credential and per server', () => {
    const one = new OtpAuthority();
    const two = new OtpAuthority();
    expect(one.secretOf('VSMT00000001').equals(one.secretOf('VSMT00000001'))).toBe(true);
    expect(one.secretOf('VSMT00000001').equals(one.secretOf('VSMT00000002'))).toBe(false);
    expect(one.secretOf('VSMT00000001').equals(two.secretOf('VSMT00000001'))).toBe(false);
  });

  it('accepts the current code once; a replay is reported as such', () => {
    const authority = new OtpAuthority();
    const code = authority.currentCode('VSMT00000001', start);
    expect(authority.checkTimeBased('VSMT00000001', code, undefined, start)).toBe('ok');
    expect(authority.checkTimeBased('VSMT00000001', code, undefined, start)).toBe('replayed');
  });

  it('hands out the next unused step within the window, then refuses', () => {
    const authority = new OtpAuthority();
    const seen = new Set<string>();
    for (let use = 0; use < 4; use++) {
      const code = authority.currentCode('VSMT00000001', start);
      seen.add(code);
      expect(authority.checkTimeBased('VSMT00000001', code, undefined, start)).toBe('ok');
    }
    expect(seen.size).toBe(4);
    expect(() => authority.currentCode('VSMT00000001', start)).toThrow(/advance the mock's clock/);
    expect(authority.currentCode('VSMT00000001', start + 4 * OTP_STEP_MS)).toMatch(/^\d{6}$/);
  });

  it('checks otp2 as the code of the following step', () => {
    const authority = new OtpAuthority();
    const secret = authority.secretOf('UBHE00000001');
    const step = start / OTP_STEP_MS;
    expect(authority.checkTimeBased('UBHE00000001', totp(secret, step), totp(secret, step + 2), start)).toBe('wrong');
    expect(authority.checkTimeBased('UBHE00000001', totp(secret, step), totp(secret, step + 1), start)).toBe('ok');
    expect(authority.checkTimeBased('UBHE00000001', totp(secret, step + 1), undefined, start)).toBe('replayed');
  });

  it('keeps one sent code per credential, usable once and for ten minutes', () => {
    const authority = new OtpAuthority();
    const first = authority.sendCode('15550001111', start);
    const second = authority.sendCode('15550001111', start);
    expect(authority.checkSent('15550001111', first === second ? 'x' : first, start)).toBe(false);
    expect(authority.checkSent('15550001111', second, start)).toBe(true);
    expect(authority.checkSent('15550001111', second, start)).toBe(false);
    const third = authority.sendCode('15550001111', start);
    expect(authority.sentCode('15550001111', start + 10 * 60_000)).toBeUndefined();
    expect(authority.checkSent('15550001111', third, start + 10 * 60_000)).toBe(false);
  });

  it('forgets used steps and sent codes on reset, keeping the secrets', () => {
    const authority = new OtpAuthority();
    const secret = authority.secretOf('VSMT00000001');
    const code = authority.currentCode('VSMT00000001', start);
    authority.checkTimeBased('VSMT00000001', code, undefined, start);
    authority.sendCode('15550001111', start);
    authority.reset();
    expect(authority.secretOf('VSMT00000001').equals(secret)).toBe(true);
    expect(authority.checkTimeBased('VSMT00000001', code, undefined, start)).toBe('ok');
    expect(authority.sentCode('15550001111', start)).toBeUndefined();
  });
});
