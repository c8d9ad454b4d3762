/**
 * Dev/test-only switch read from the page's query string.
 *
 * Opening the page with `?prefer=code=404` (any value of the mock's `Prefer` header: `code=401`,
 * `example=permanent`, `code=400`, `dynamic=true`; or empty, `?prefer=`) shows a "Prefer header" field and
 * makes the console send that header on every request, so a developer or an end-to-end test can see how
 * the page shows each answer of the mock. The header is only ever sent to a loopback base URL (the local
 * mock): the real service never sees it.
 */

/** What the query string asked for. */
export interface DevOptions {
  /** Whether the dev/test switch is on (the query string has a `prefer` parameter). */
  readonly enabled: boolean;
  /** The initial value of the `Prefer` header, or `undefined` for none. */
  readonly prefer: string | undefined;
}

/** The longest `Prefer` value accepted; anything longer is a typo, not a mock recipe. */
const MAX_PREFER_LENGTH = 200;

/** Reads the dev/test switch from a query string (`location.search`). */
export function readDevOptions(search: string): DevOptions {
  const params = new URLSearchParams(search);
  return { enabled: params.has("prefer"), prefer: normalizePrefer(params.get("prefer") ?? "") };
}

/**
 * A `Prefer` value as the console sends it, or `undefined` when it is empty or unusable: longer than 200
 * characters, or with characters an HTTP header value cannot hold (fetch would throw).
 */
export function normalizePrefer(value: string): string | undefined {
  const trimmed = value.trim();
  const valid = trimmed !== "" && trimmed.length <= MAX_PREFER_LENGTH && /^[\x20-\x7e]+$/.test(trimmed);
  return valid ? trimmed : undefined;
}

/** Whether a base URL points at this machine (127.0.0.0/8, `localhost` or `[::1]`), where the mock runs. */
export function isLoopbackUrl(baseUrl: string): boolean {
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return false;
  }
  return host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The extra headers the client sends: `Prefer` to a loopback mock, nothing otherwise. */
export function devHeaders(prefer: string | undefined, baseUrl: string): Record<string, string> {
  return prefer !== undefined && isLoopbackUrl(baseUrl) ? { Prefer: prefer } : {};
}
