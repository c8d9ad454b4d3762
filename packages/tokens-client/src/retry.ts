/**
 * When and how long to wait before retrying: the retryable statuses, the exponential backoff with jitter
 * and the server's `Retry-After`.
 * @module
 */
/** The longest `Retry-After` the client waits for; a longer one is thrown at once for the caller to decide. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Plain decimal seconds, the first form of `Retry-After`. */
const SECONDS = /^\d+(?:\.\d+)?$/;

/**
 * Whether a response with this status is worth sending again (for idempotent methods only): timeout,
 * throttling and transient server failures.
 */
export function isRetryableStatus(status: number): boolean {
  return [408, 429, 500, 502, 503, 504].includes(status);
}

/**
 * The backoff before retry number `retry` (0 for the first): `min(0.5·2^retry, 8)` seconds, reduced by
 * up to 25 % of random jitter so that many clients do not retry in lockstep.
 * @param random a source of numbers in [0, 1), `Math.random` by default.
 */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  return Math.min(500 * 2 ** retry, 8000) * (1 - 0.25 * random());
}

/**
 * The wait the server asked for, in milliseconds: `retry-after-ms`, else `Retry-After` as seconds or as an
 * HTTP date (a past date is 0). `undefined` when absent or unreadable.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms")?.trim();
  if (ms && SECONDS.test(ms)) return Number(ms);
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (SECONDS.test(value)) return Number(value) * 1000;
  // Every HTTP date form starts with a day name; `Date.parse` alone would also take "-5" as a year.
  const date = /^[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
