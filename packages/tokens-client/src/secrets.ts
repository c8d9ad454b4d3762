/**
 * Keeping secrets out of errors: token keys in paths, `Authorization` headers, echoed tokens.
 * @module
 */

/** Header names whose values are credentials and are shown masked on errors. */
const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);

/** What a masked value reads as. */
export const MASK = "***";

/**
 * How a token id or key appears in an error path: an id as is; a key by its first 4 characters
 * (when it is long enough that they reveal next to nothing), else fully masked.
 */
export function maskIdOrKey(idOrKey: unknown): string {
  if (typeof idOrKey !== "string") return String(idOrKey);
  return idOrKey.length > 8 ? `${encodeURIComponent(idOrKey.slice(0, 4))}${MASK}` : MASK;
}

/** The response headers as a plain object: credential-like values masked, `secrets` redacted from the rest. */
export function maskHeaders(headers: Headers, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    let safe = value;
    for (const secret of secrets) safe = redact(safe, secret);
    out[name] = SECRET_HEADERS.has(name) ? MASK : safe;
  }
  return out;
}

/** `text` with every occurrence of `secret` replaced by the mask (a server may echo what it was sent). */
export function redact(text: string, secret: string): string {
  return secret && text.includes(secret) ? text.split(secret).join(MASK) : text;
}

/** `value` (a parsed JSON body or text) with `secret` redacted wherever it occurs. */
export function redactValue(value: unknown, secret: string): unknown {
  if (value === undefined || !secret) return value;
  if (typeof value === "string") return redact(value, secret);
  const json = JSON.stringify(value);
  // Inside JSON text a secret holding `"` or `\` appears escaped.
  const escaped = JSON.stringify(secret).slice(1, -1);
  if (!json.includes(escaped)) return value;
  const redacted = redact(json, escaped);
  try {
    return JSON.parse(redacted);
  } catch {
    return redacted; // the secret matched outside a string (a number, say): keep the safe text
  }
}
