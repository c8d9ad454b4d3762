/**
 * How the API reads `Authorization` (Django REST Framework's `TokenAuthentication`): exactly
 * `Token <key>`, and the key must be known, active and unexpired. The front of the mock uses the same
 * reading for the header's form, so both modes answer a malformed header alike.
 * @module
 */
import type { StoredToken, TokenStore } from "./store.js";

/** `WWW-Authenticate` of a 401, as the real API (Django REST Framework `TokenAuthentication`) sends it. */
export const AUTHENTICATE_CHALLENGE = "Token";

/** The 401 message for an unknown, expired or deactivated key (the spec's wording). */
export const INVALID_TOKEN = "Invalid token.";

/** A parsed `Authorization`: the key of `Token <key>`, or the `detail` of the 401 to answer. */
export type AuthorizationResult = { ok: true; key: string } | { ok: false; detail: string };

/** The caller's token, or the `detail` of the 401 to answer. */
export type AuthResult = { ok: true; token: StoredToken } | { ok: false; detail: string };

/**
 * Reads `Authorization` the way the real API does: exactly `Token <key>`. Prism only checks that the
 * header is present, so a `Bearer` token, a bare key or `Token` alone would pass it.
 * The detail of a failure never repeats the header, which may hold a secret.
 */
export function parseAuthorization(header: string | undefined): AuthorizationResult {
  const parts = (header ?? "").trim().split(/\s+/);
  const [scheme = "", key] = parts;
  if (scheme === "") return { ok: false, detail: "Authentication credentials were not provided." };
  if (scheme.toLowerCase() !== "token") {
    return {
      ok: false,
      detail: 'Invalid token header. Send "Authorization: Token <key>" (the word Token, one space, the key).',
    };
  }
  if (key === undefined) return { ok: false, detail: "Invalid token header. No credentials provided." };
  if (parts.length > 2) {
    return { ok: false, detail: "Invalid token header. Token string should not contain spaces." };
  }
  return { ok: true, key };
}

/** Authenticates a request by its `Authorization` header; the key never appears in a message. */
export function authenticate(header: string | undefined, store: TokenStore): AuthResult {
  const parsed = parseAuthorization(header);
  if (!parsed.ok) return parsed;
  const token = store.authenticate(parsed.key);
  return token ? { ok: true, token } : { ok: false, detail: INVALID_TOKEN };
}
