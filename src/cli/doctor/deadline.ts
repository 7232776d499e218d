/**
 * Every network step of the doctor has its own deadline (`--timeout`), so a server that accepts a connection and
 * then says nothing is reported as such instead of hanging the diagnosis; and every step ends at once on Ctrl-C.
 */

/** How long each network step may take, and the signal that interrupts the whole diagnosis. */
export interface StepLimits {
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/** The step did not finish within `ms`. */
export class StepTimeout extends Error {
  override readonly name = 'StepTimeout';
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/** The diagnosis was interrupted (Ctrl-C) during the step; the caller stops at its next checkpoint. */
export class StepInterrupted extends Error {
  override readonly name = 'StepInterrupted';
}

/**
 * Settles like `work`, or rejects with {@link StepTimeout} after the step's deadline, or with {@link StepInterrupted}
 * when the signal fires; either way calling `stop` first (to destroy a socket the work waits on).
 */
export function withDeadline<T>(limits: StepLimits, work: Promise<T>, stop?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const cutOff = new Promise<never>((_resolve, reject) => {
    const end = (error: Error) => {
      stop?.();
      reject(error);
    };
    timer = setTimeout(() => end(new StepTimeout(limits.timeoutMs)), limits.timeoutMs);
    onAbort = () => end(new StepInterrupted('interrupted'));
    if (limits.signal.aborted) onAbort();
    else limits.signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([work, cutOff]).finally(() => {
    clearTimeout(timer);
    if (onAbort !== undefined) limits.signal.removeEventListener('abort', onAbort);
  });
}

/** The system or OpenSSL error code of a failure, looking through `cause` and `AggregateError` members. */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    const members = (current as { errors?: unknown }).errors;
    current = Array.isArray(members) && members.length > 0 ? members[0] : (current as { cause?: unknown }).cause;
  }
  return undefined;
}
