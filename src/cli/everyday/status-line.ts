/**
 * A status line for something that takes a while (a push waiting for the phone). On a terminal it rewrites one line
 * on stderr every second; otherwise (logs, CI) it prints a plain line now and then, so a log is not flooded with
 * carriage returns.
 */
import type { CliIo } from '../io.js';

/** How often a terminal line is redrawn, and how often a plain line is added. */
const TTY_REFRESH_MS = 1000;
const PLAIN_EVERY_MS = 10_000;

/** A running status line; `stop` ends it, clearing a terminal line so the next output starts clean. */
export interface StatusLine {
  stop(): void;
}

/**
 * Starts a status line on stderr.
 * @param describe The text for the time elapsed so far, in whole seconds.
 */
export function startStatusLine(io: CliIo, describe: (elapsedSeconds: number) => string): StatusLine {
  const tty = io.stderr.isTTY === true;
  const started = performance.now();
  const draw = () => {
    const text = describe(Math.floor((performance.now() - started) / 1000));
    io.stderr.write(tty ? `\r\x1b[2K${text}` : `${text}\n`);
  };
  draw();
  const timer = setInterval(draw, tty ? TTY_REFRESH_MS : PLAIN_EVERY_MS);
  // The line must never keep the process alive on its own.
  timer.unref();
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (tty) io.stderr.write('\r\x1b[2K');
    },
  };
}
