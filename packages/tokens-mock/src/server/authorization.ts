import type { IncomingHttpHeaders } from "node:http";

/** `WWW-Authenticate` of a 401, as the real API (Django REST Framework `TokenAuthentication`) sends it. */
export const AUTHENTICATE_CHALLENGE = "Token";

/** A parsed `Authorization`: the key of `Token <key>`, or the `detail` of the 401 to answer. */
export type AuthorizationResult = { ok: true; key: string } | { ok: false; detail: string };

const SEND_TOKEN = 'Send "Authorization: Token <key>" (the word Token, one space, the key).';

/**
 * Reads `Authorization` the way the real API does: exactly `Token <key>`. Prism only checks that the
 * header is present, so a `Bearer` token, a bare key or `Token` alone would pass it.
 * The detail of a failure never repeats the header, which may hold a secret.
 */
export function parseAuthorization(header: string | undefined): AuthorizationResult {
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
 * Checks the credentials of a request with {@link parseAuthorization}. Without `Authorization`, a `token:`
 * header (what the old official JavaScript SDK's factory sends) gets a hint to send `Authorization`.
 * @returns The `detail` of the 401, or `undefined` when `Authorization` is well-formed.
 */
export function authorizationProblem(headers: IncomingHttpHeaders): string | undefined {
  const parsed = parseAuthorization(headers.authorization);
  if (parsed.ok) return undefined;
  if (headers.authorization === undefined && headers.token !== undefined) {
    return `Authentication credentials were not provided. A "token" header is not read: ${SEND_TOKEN}`;
  }
  return parsed.detail;
}
