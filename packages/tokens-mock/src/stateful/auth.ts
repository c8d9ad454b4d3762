/**
 * How the API reads `Authorization` (Django REST Framework's `TokenAuthentication`): exactly `Token <key>`.
 * The front checks the header's form this way in every mode; the stateful API then needs the key known,
 * active and unexpired. No detail ever repeats a header.
 * @module
 */

/** `WWW-Authenticate` of a 401, as the real API (Django REST Framework `TokenAuthentication`) sends it. */
export const AUTHENTICATE_CHALLENGE = "Token";

/** The 401 message for an unknown, expired or deactivated key (the spec's wording). */
export const INVALID_TOKEN = "Invalid token.";

const SEND_TOKEN = 'Send "Authorization: Token <key>" (the word Token, one space, the key).';

/**
 * Reads `Authorization` the way the real API does: exactly `Token <key>`. Prism only checks that the
 * header is present, so a `Bearer` token, a bare key or `Token` alone would pass it.
 * @returns The key, or the `detail` of the 401 to answer.
 */
export function parseAuthorization(
  header: string | undefined,
): { ok: true; key: string } | { ok: false; detail: string } {
  const parts = (header ?? "").trim().split(/\s+/);
  const [scheme = "", key] = parts;
  if (scheme === "") return { ok: false, detail: "Authentication credentials were not provided." };
  if (scheme.toLowerCase() !== "token") return { ok: false, detail: `Invalid token header. ${SEND_TOKEN}` };
  if (key === undefined) return { ok: false, detail: "Invalid token header. No credentials provided." };
  if (parts.length > 2) {
    return { ok: false, detail: "Invalid token header. Token string should not contain spaces." };
  }
  return { ok: true, key };
}

/**
 * The front's check of a request's credentials: the `detail` of the 401, or `undefined` when `Authorization`
 * is well-formed. Without it, a `token:` header (what the old official JavaScript SDK's factory sends) gets a
 * hint to send `Authorization` instead.
 */
export function authorizationProblem(headers: {
  authorization?: string | undefined;
  token?: unknown;
}): string | undefined {
  const parsed = parseAuthorization(headers.authorization);
  if (parsed.ok) return undefined;
  if (headers.authorization === undefined && headers.token !== undefined) {
    return `Authentication credentials were not provided. A "token" header is not read: ${SEND_TOKEN}`;
  }
  return parsed.detail;
}
