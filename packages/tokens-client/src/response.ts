/**
 * Reading a 2xx body: it must be the JSON the spec promises, else a `NeuroioError` (never a `SyntaxError`).
 * @module
 */

/** What a successful call returns: one token, an array of tokens, or nothing (204). */
export type BodyKind = "token" | "tokens" | "empty";

/** Whether `value` has the shape of a `Token` (the fields a caller relies on). */
function isToken(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const token = value as Record<string, unknown>;
  return (
    typeof token.id === "number" && typeof token.key === "string" && typeof token.is_active === "boolean"
  );
}

/** Thrown by `readBody()`; the transport turns it into a `NeuroioError` naming the call. */
export class InvalidBody {
  /** @param reason completes "the response body ...". */
  constructor(readonly reason: string) {}
}

/**
 * Parses and checks the body of a successful response; throws `InvalidBody` when it breaks the contract.
 * @param text the body as text (`undefined` when openapi-fetch saw none, e.g. 204).
 */
export function readBody(kind: BodyKind, text: string | undefined): unknown {
  if (kind === "empty") return undefined;
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : undefined;
  } catch {
    // The body may hold a token key, and the SyntaxError quotes the body: neither is kept, only the size.
    throw new InvalidBody(`is not valid JSON (${text?.length ?? 0} characters)`);
  }
  if (kind === "token") {
    if (isToken(value)) return value;
    throw new InvalidBody("is not a token");
  }
  if (Array.isArray(value) && value.every(isToken)) return value;
  throw new InvalidBody("is not an array of tokens");
}
