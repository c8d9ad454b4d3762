/** `WWW-Authenticate` of a 401, as the real API (Django REST Framework `TokenAuthentication`) sends it. */
export const AUTHENTICATE_CHALLENGE = "Token";

/** A parsed `Authorization`: the key of `Token <key>`, or the `detail` of the 401 to answer. */
export type AuthorizationResult = { ok: true; key: string } | { ok: false; detail: string };

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

/**
 * Checks `Authorization` with {@link parseAuthorization}.
 * @returns The `detail` of the 401, or `undefined` when the header is well-formed.
 */
export function authorizationProblem(header: string | undefined): string | undefined {
  const parsed = parseAuthorization(header);
  return parsed.ok ? undefined : parsed.detail;
}
