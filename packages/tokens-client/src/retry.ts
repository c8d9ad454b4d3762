/**
 * When and how long to wait before retrying: the retryable statuses, the exponential backoff with jitter
 * and the server's `Retry-After`.
 * @module
 */

/** Statuses that may succeed when sent again: timeout, throttling and transient server failures. */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** The longest `Retry-After` the client waits for; a longer one is thrown at once for the caller to decide. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** The longest backoff between two attempts when the server gave no `Retry-After`. */
const MAX_BACKOFF_MS = 8_000;

/** Plain decimal seconds, the first form of `Retry-After`. */
const SECONDS = /^\d+(?:\.\d+)?$/;
/** Every HTTP date form starts with a day name; `Date.parse` alone would also take "-5" as a year. */
const HTTP_DATE = /^[a-z]{3}/i;

/** Whether a response with this status is worth sending again (for idempotent methods only). */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/**
 * The backoff before retry number `retry` (0 for the first): `min(0.5·2^retry, 8)` seconds, reduced by
 * up to 25 % of random jitter so that many clients do not retry in lockstep.
 * @param random a source of numbers in [0, 1), `Math.random` by default.
 */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const base = Math.min(500 * 2 ** retry, MAX_BACKOFF_MS);
  return base * (1 - 0.25 * random());
}

/**
 * The wait the server asked for, in milliseconds: `retry-after-ms`, else `Retry-After` as seconds or as an
 * HTTP date (a past date is 0). `undefined` when absent or unreadable.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && SECONDS.test(ms.trim())) return Number(ms.trim());
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (SECONDS.test(value)) return Number(value) * 1000;
  const date = HTTP_DATE.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms` milliseconds; rejects with the signal's reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
