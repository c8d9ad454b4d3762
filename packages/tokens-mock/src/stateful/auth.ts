/**
 * Identifies the caller from `Authorization: Token <key>`, with the messages of DRF's TokenAuthentication.
 * @module
 */
import type { StoredToken, TokenStore } from "./store.js";

/** The caller's token, or the `detail` of the 401 to answer. */
export type AuthResult = { ok: true; token: StoredToken } | { ok: false; detail: string };

/** The 401 message when no `Token` credentials were sent (no header, or another scheme such as `Bearer`). */
export const MISSING_CREDENTIALS = "Authentication credentials were not provided.";
/** The 401 message for an unknown, expired or deactivated key (the spec's wording). */
export const INVALID_TOKEN = "Invalid token.";

/**
 * Only a known, active and unexpired key is accepted. The keyword is matched case-insensitively, as DRF
 * does; the key itself never appears in a message.
 */
export function authenticate(header: string | undefined, store: TokenStore): AuthResult {
  const parts = (header ?? "").trim().split(/\s+/);
  if (parts[0]?.toLowerCase() !== "token") return { ok: false, detail: MISSING_CREDENTIALS };
  if (parts.length === 1) return { ok: false, detail: "Invalid token header. No credentials provided." };
  if (parts.length > 2) {
    return { ok: false, detail: "Invalid token header. Token string should not contain spaces." };
  }
  const token = store.authenticate(parts[1] as string);
  return token ? { ok: true, token } : { ok: false, detail: INVALID_TOKEN };
}
