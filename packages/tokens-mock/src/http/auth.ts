/** `WWW-Authenticate` of a 401, as the real API (Django REST Framework `TokenAuthentication`) sends it. */
export const AUTHENTICATE_CHALLENGE = "Token";

/**
 * Checks `Authorization` the way the real API does: exactly `Token <key>`. Prism only checks that the
 * header is present, so a `Bearer` token, a bare key or `Token` alone would pass it.
 * @returns The `detail` of the 401, or `undefined` when the header is well-formed. The detail never
 * repeats the header, which may hold a secret.
 */
export function authorizationProblem(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === "") {
    return "Authentication credentials were not provided.";
  }
  const parts = header.trim().split(/\s+/);
  if (parts[0]?.toLowerCase() !== "token") {
    return 'Invalid token header. Send "Authorization: Token <key>" (the word Token, one space, the key).';
  }
  if (parts.length === 1) return "Invalid token header. No credentials provided.";
  if (parts.length > 2) return "Invalid token header. Token string should not contain spaces.";
  return undefined;
}
