/**
 * The end-to-end checks: one `getServerTime` call through the SDK, configured exactly as every other command is
 * (`server time`: does a real call work, how long does it take), and the distance between this machine's clock and
 * VIP's (`clock skew`).
 */
import { type VipClient, VipHttpError, VipServiceError, VipTimeoutError } from '../../index.js';
import { type Check, fail, pass, skip, warn } from './checks.js';

/** Broadcom tolerates about a minute of clock difference (KB 170423, SAML assertions); beyond it sign-ins fail. */
export const SKEW_LIMIT_MS = 60_000;
/** Well inside the limit, but a clock this far off is drifting: worth fixing before it crosses it. */
export const SKEW_WARNING_MS = 5_000;

const CLOCK_FIX =
  "synchronise this machine's clock with NTP (Linux: timedatectl set-ntp true; Windows: w32tm /resync; macOS: " +
  'System Settings > Date & Time > Set automatically)';

export async function checkServerTime(vip: VipClient, signal: AbortSignal): Promise<{ serverTime: Check; clockSkew: Check }> {
  const sentAt = Date.now();
  let result: Awaited<ReturnType<VipClient['getServerTime']>>;
  try {
    result = await vip.getServerTime({}, { signal });
  } catch (error) {
    return {
      serverTime: callFailure(error),
      clockSkew: skip('clock skew', 'VIP did not tell its time'),
    };
  }
  const receivedAt = Date.now();
  const latencyMs = receivedAt - sentAt;
  const serverTime = pass('server time', `getServerTime answered in ${latencyMs} ms (request ID ${result.requestId})`, {
    info: { latencyMs, requestId: result.requestId, serverTime: result.timestamp },
  });
  if (result.timestamp === undefined) {
    return { serverTime, clockSkew: warn('clock skew', 'VIP sent no time', 'run doctor again; if it persists, report it to Broadcom') };
  }
  // VIP read its clock somewhere during the round trip; its middle is the best guess, within half the round trip.
  const skewMs = Math.round(result.timestamp.getTime() - (sentAt + receivedAt) / 2);
  const info = { skewMs, uncertaintyMs: Math.ceil(latencyMs / 2), serverTime: result.timestamp };
  const direction = `this machine's clock is ${duration(Math.abs(skewMs))} ${skewMs > 0 ? 'behind' : 'ahead of'} VIP's`;
  if (Math.abs(skewMs) - info.uncertaintyMs > SKEW_LIMIT_MS) {
    return {
      serverTime,
      clockSkew: fail('clock skew', `${direction}: more than the minute VIP tolerates (Broadcom KB 170423)`, CLOCK_FIX, { info }),
    };
  }
  if (Math.abs(skewMs) > SKEW_WARNING_MS) {
    return {
      serverTime,
      clockSkew: warn('clock skew', `${direction}: within the minute VIP tolerates, but drifting`, CLOCK_FIX, { info }),
    };
  }
  return { serverTime, clockSkew: pass('clock skew', `${direction} (±${info.uncertaintyMs} ms)`, { info }) };
}

function callFailure(error: unknown): Check {
  if (error instanceof VipServiceError) {
    return fail(
      'server time',
      `VIP refused getServerTime (status ${error.code}, ${error.name}): ${error.message}`,
      error.solution ?? 'see the status code in the VIP status code reference',
    );
  }
  if (error instanceof VipTimeoutError) {
    return fail('server time', `${error.name}: ${error.message}`, 'on a slow link raise --timeout; otherwise see the checks above');
  }
  if (error instanceof VipHttpError) {
    return fail(
      'server time',
      `${error.name}: ${error.message}`,
      "the endpoint answers HTTP but is not VIP User Services: check the endpoint URL (VIP's is https://userservices-auth.vip.symantec.com)",
    );
  }
  const described = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return fail('server time', described, 'see the checks above; they narrow the cause down');
}

/** `340 ms`, `12.5 s`, `5 min 3 s`. */
export function duration(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1_000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
