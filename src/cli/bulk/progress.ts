/**
 * Progress of a bulk job, on stderr (stdout stays for results and `--json`): on a terminal a progress bar with the
 * rate, the time left and live tallies by outcome and status code; otherwise (a log file, CI) one plain line every
 * few seconds, which reads well in a log and costs nothing when nobody looks.
 */
import { SingleBar } from 'cli-progress';
import type { CliIo } from '../io.js';
import type { Tally } from './outcome.js';

/** `update` after each finished row; `stop` ends the display. */
export interface Progress {
  update(): void;
  stop(): void;
}

/** How often plain progress lines are printed. */
export const PLAIN_INTERVAL_MS = 5000;

/**
 * Starts the display for a job of `total` rows; `tally` counts every finished row, those of earlier runs included
 * (the rate is measured on this run's rows only).
 */
export function startProgress(io: CliIo, label: string, total: number, tally: Tally, intervalMs = PLAIN_INTERVAL_MS): Progress {
  const started = tally.total;
  const since = performance.now();
  const rate = () => {
    const seconds = (performance.now() - since) / 1000;
    return seconds <= 0 ? 0 : (tally.total - started) / seconds;
  };
  const tallies = () => `done ${tally.done}, skipped ${tally.skipped}, failed ${tally.failed}${codes(tally)}`;

  if (io.stderr.isTTY === true) {
    const bar = new SingleBar({
      stream: io.stderr,
      format: `${label} {bar} {percentage}% {value}/{total} | {speed} rows/s | ETA {eta_formatted} | {tallies}`,
      barsize: 20,
      fps: 5,
      hideCursor: true,
      etaBuffer: 200,
      noTTYOutput: false,
    });
    bar.start(total, started, { speed: '0', tallies: tallies() });
    return {
      update: () => bar.update(tally.total, { speed: rate().toFixed(0), tallies: tallies() }),
      stop: () => {
        bar.update(tally.total, { speed: rate().toFixed(0), tallies: tallies() });
        bar.stop();
      },
    };
  }

  const print = () => {
    const left = total - tally.total;
    const perSecond = rate();
    const eta = perSecond > 0 ? `, about ${formatSeconds(left / perSecond)} left` : '';
    const percent = total === 0 ? 100 : Math.floor((tally.total / total) * 100);
    io.stderr.write(`${label}: ${tally.total}/${total} rows (${percent}%), ${perSecond.toFixed(0)} rows/s${eta}; ${tallies()}\n`);
  };
  const timer = setInterval(print, intervalMs);
  timer.unref();
  return { update: () => {}, stop: () => clearInterval(timer) };
}

/** ` (0000: 950, 6002: 3)`, or nothing before the first answer. */
function codes(tally: Tally): string {
  const text = tally.statusText();
  return text === '' ? '' : ` (${text})`;
}

function formatSeconds(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
