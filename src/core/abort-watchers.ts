/**
 * Shares one 'abort' listener among everything waiting on the same caller signal. Applications often pass one
 * long-lived signal (a shutdown signal) to every call; a listener per call would pile up on it and make Node print
 * a MaxListenersExceededWarning once more than ten calls are in flight.
 */

interface AbortWatchers {
  callbacks: Set<() => void>;
  listener: () => void;
}

const watchersBySignal = new WeakMap<AbortSignal, AbortWatchers>();

/**
 * Runs `callback` once when `signal` aborts. The shared listener is removed as soon as nothing watches the signal,
 * so nothing is retained between calls.
 * @param signal A signal that has not aborted yet.
 * @param callback Called at most once; pass a fresh function per watch.
 * @returns A function that stops watching (safe to call more than once, also after the abort).
 */
export function watchAbort(signal: AbortSignal, callback: () => void): () => void {
  let watchers = watchersBySignal.get(signal);
  if (watchers === undefined) {
    const callbacks = new Set<() => void>();
    const listener = (): void => {
      watchersBySignal.delete(signal);
      for (const pending of callbacks) pending();
      callbacks.clear();
    };
    watchers = { callbacks, listener };
    watchersBySignal.set(signal, watchers);
    // Stryker disable next-line BooleanLiteral: an AbortSignal fires once, so `once` only documents the intent
    signal.addEventListener('abort', listener, { once: true });
  }
  const { callbacks, listener } = watchers;
  callbacks.add(callback);
  return () => {
    if (!callbacks.delete(callback) || callbacks.size > 0) return;
    signal.removeEventListener('abort', listener);
    watchersBySignal.delete(signal);
  };
}
