/**
 * Time for the client: waiting between retries, scheduling the keeper's rounds, the jitter source. One object,
 * so that unit tests can hand the transport a clock they drive themselves.
 * @module
 */

/** The longest delay timers honour (2^31 - 1 ms, about 24.8 days): a longer one would fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** How the client waits and schedules. */
export interface Clock {
  /** Waits `ms`; rejects with the signal's reason as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Runs `run` after `ms` without keeping a Node process alive; returns what cancels it. */
  later(run: () => void, ms: number): () => void;
  /** Numbers in [0, 1), for the backoff jitter. */
  random(): number;
}

/** Timers of the runtime. */
export const systemClock: Clock = {
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        Math.min(ms, MAX_TIMER_MS),
      );
      if (signal?.aborted) onAbort();
      else signal?.addEventListener("abort", onAbort, { once: true });
    }),
  later(run, ms) {
    const timer = setTimeout(run, Math.min(ms, MAX_TIMER_MS));
    // Node, Bun and Deno 2 (whose timers are objects with `unref()` too): a keeper alone must not keep a CLI
    // or a test process running. Browsers and workers have nothing to hold open.
    (timer as { unref?: () => void }).unref?.();
    return () => clearTimeout(timer);
  },
  random: Math.random,
};
