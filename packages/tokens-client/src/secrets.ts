/**
 * Keeping secrets out of errors: token keys in paths, `Authorization` headers, echoed tokens.
 * @module
 */

/** What a masked value reads as. */
export const MASK = "***";

/** Header names whose values are credentials and are shown masked on errors. */
const SECRET_HEADER = /^(?:proxy-)?authorization$|^(?:set-)?cookie$/;

/**
 * How a token id or key appears in an error path: an id as is; a key by its first 4 characters
 * (when it is long enough that they reveal next to nothing), else fully masked.
 */
export function maskIdOrKey(idOrKey: unknown): string {
  if (typeof idOrKey !== "string") return String(idOrKey);
  return idOrKey.length > 8 ? `${encodeURIComponent(idOrKey.slice(0, 4))}${MASK}` : MASK;
}

/** `text` with every occurrence of each of `secrets` replaced by the mask (a server may echo what it was sent). */
export function redact(text: string, secrets: readonly string[]): string {
  for (const secret of secrets) if (secret) text = text.split(secret).join(MASK);
  return text;
}

/**
 * `value` (a parsed JSON body or text) with `secrets` redacted wherever they occur. Both kinds go through
 * their JSON text, where a secret holding `"` or `\` appears escaped, so it is looked for escaped.
 */
export function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (value === undefined) return value;
  const json = JSON.stringify(value);
  const redacted = redact(
    json,
    secrets.map((secret) => JSON.stringify(secret).slice(1, -1)),
  );
  if (redacted === json) return value;
  try {
    return JSON.parse(redacted);
  } catch {
    return redacted; // the secret matched outside a string (a number, say): keep the safe text
  }
}

/** The response headers as a plain object: credential-like values masked, `secrets` redacted from the rest. */
export function maskHeaders(headers: Headers, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) out[name] = SECRET_HEADER.test(name) ? MASK : redact(value, secrets);
  return out;
}
