/**
 * `server-time`: asks VIP for its clock; the smallest call that proves the certificate, TLS and endpoint work.
 */
import type { RegisterCommand } from '../program.js';
import { renderFields } from '../output.js';

export const registerServerTime: RegisterCommand = (program, act) => {
  program
    .command('server-time')
    .description("print VIP's clock and how far this machine's clock is from it")
    .addHelpText('after', '\nExample:\n  $ vip-user-services server-time --json')
    .action(
      act(async ({ output, connect }) => {
        const { vip } = await connect();
        const sentAt = Date.now();
        const result = await vip.getServerTime();
        const receivedAt = Date.now();
        // The server read its clock somewhere during the round trip; its middle is the best guess.
        const skewMs = result.timestamp === undefined ? undefined : Math.round(result.timestamp.getTime() - (sentAt + receivedAt) / 2);
        const summary = { serverTime: result.timestamp, skewMs, latencyMs: receivedAt - sentAt, requestId: result.requestId };
        output.result(summary, () =>
          renderFields({
            'server time': summary.serverTime,
            'local clock':
              skewMs === undefined ? 'unknown (VIP sent no time)' : `${skewMs >= 0 ? 'behind' : 'ahead'} by ${Math.abs(skewMs)} ms`,
            'round trip': `${summary.latencyMs} ms`,
            'request ID': summary.requestId,
          }),
        );
      }),
    );
};
