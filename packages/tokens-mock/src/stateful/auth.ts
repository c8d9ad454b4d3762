/**
 * Identifies the caller from `Authorization: Token <key>`. The form of the header is checked by the wrapper's
 * rule (`../http/auth.ts`), so both modes answer a malformed header alike; the key must then be known,
 * active and unexpired.
 * @module
 */
import { parseAuthorization } from "../server/authorization.js";
import type { StoredToken, TokenStore } from "./store.js";

/** The caller's token, or the `detail` of the 401 to answer. */
export type AuthResult = { ok: true; token: StoredToken } | { ok: false; detail: string };

/** The 401 message for an unknown, expired or deactivated key (the spec's wording). */
export const INVALID_TOKEN = "Invalid token.";

/** Authenticates a request by its `Authorization` header; the key never appears in a message. */
export function authenticate(header: string | undefined, store: TokenStore): AuthResult {
  const parsed = parseAuthorization(header);
  if (!parsed.ok) return parsed;
  const token = store.authenticate(parsed.key);
  return token ? { ok: true, token } : { ok: false, detail: INVALID_TOKEN };
}
