/**
 * Bounding one attempt (or one wait) in time without giving the `Request` a signal of its own.
 *
 * Why not an `AbortController` per attempt: a `Request` built with a signal makes undici register a
 * listener and a finalizer, which costs more than the rest of the call put together (about 15 µs against
 * 20 µs), and the CPU budget of the client is 1.15x of bare openapi-fetch. So a timeout stops the wait at
 * once and lets the abandoned request end on its own, unless the call has a signal: then the `Request`
 * follows a per-attempt signal anyway, and the transport aborts it on timeout and on the caller's abort.
 * @module
 */

/** The rejection reason of an attempt that ran out of time, recognised by identity. */
export const TIMED_OUT: unique symbol = Symbol("timed out");

/** The longest delay timers honour (2^31 - 1 ms, about 24.8 days): a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `promise`, or a rejection with `TIMED_OUT` after `ms`, or with the signal's reason as soon as `signal`
 * aborts (at once if it already has): whichever comes first. The timer and the listener are cleaned up as
 * soon as it settles. An `ms` beyond the timer limit waits that limit (about 24.8 days).
 */
export function withDeadline<T>(promise: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const settle = (done: (result: never) => void, result: unknown) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      done(result as never);
    };
    const onAbort = () => settle(reject, signal?.reason);
    const timer = setTimeout(settle, Math.min(ms, MAX_TIMER_MS), reject, TIMED_OUT);
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) onAbort();
    promise.then(
      (value) => settle(resolve, value),
      (error: unknown) => settle(reject, error),
    );
  });
}
