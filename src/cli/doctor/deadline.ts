/**
 * Every network step of the doctor has its own deadline (`--timeout`), so a server that accepts a connection and
 * then says nothing is reported as such instead of hanging the diagnosis.
 */

/** The step did not finish within `ms`. */
export class StepTimeout extends Error {
  override readonly name = 'StepTimeout';
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/**
 * Settles like `work`, or rejects with {@link StepTimeout} after `ms`, calling `onTimeout` first (to destroy a socket
 * the work waits on).
 */
export function withDeadline<T>(ms: number, work: Promise<T>, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new StepTimeout(ms));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
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
