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
 * `value` (a parsed JSON body of bounded depth, or text) with `secrets` redacted wherever they occur. It goes
 * through its JSON text, where a secret holding `"` or `\` appears escaped, so it is looked for escaped.
 */
export function redactValue(value: unknown, secrets: readonly string[]): unknown {
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

/**
 * The response headers as a plain object: credential-like values masked, `secrets` redacted from the other
 * values and from the names (which `Headers` lower-cases, so names are matched without regard to case).
 */
export function maskHeaders(headers: Headers, secrets: readonly string[]): Record<string, string> {
  const lower = secrets.map((secret) => secret.toLowerCase());
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    out[redact(name, lower)] = SECRET_HEADER.test(name) ? MASK : redact(value, secrets);
  }
  return out;
}

/**
 * What is safe to keep of something thrown by code the client does not control (a custom `fetch`, a `save`
 * callback): its text (the message, and undici's inner reason) with `secrets` redacted, and a stand-in `Error`
 * of the same name with that text as `cause`. The original is never kept: it may hold the `Request` (and its
 * `Authorization` header) or the token in any property.
 */
export function safeCause(thrown: unknown, secrets: readonly string[]): { text: string; cause: Error } {
  const error = thrown as Error | undefined;
  const inner = (error as { cause?: Error } | undefined)?.cause;
  const raw =
    thrown instanceof Error
      ? `${error?.message}${inner instanceof Error ? ` (${inner.message})` : ""}`
      : typeof thrown === "string"
        ? thrown
        : "";
  const text = redact(raw, secrets);
  const cause = new Error(text);
  if (thrown instanceof Error) cause.name = String(error?.name);
  return { text, cause };
}
