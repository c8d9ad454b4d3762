/**
 * Reading a 2xx body: it must be the JSON the spec promises, else a `NeuroioError` (never a `SyntaxError`).
 * @module
 */
import { NeuroioError } from "./errors.js";

/** What a successful call returns: one token, an array of tokens, or nothing (204). */
export type BodyKind = "token" | "tokens" | "empty";

/** Whether `value` has the shape of a `Token` (the fields a caller relies on). */
function isToken(value: unknown): boolean {
  const token = value as Record<string, unknown> | null;
  return (
    typeof token?.id === "number" && typeof token.key === "string" && typeof token.is_active === "boolean"
  );
}

/**
 * Parses and checks the body of a successful response.
 * @param text the body as text (`undefined` or `""` when there is none, e.g. 204).
 * @throws NeuroioError "the response body ..." when it breaks the contract; the transport prefixes the call.
 */
export function readBody(kind: BodyKind, text: string | undefined): unknown {
  if (kind === "empty") return undefined;
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : undefined;
  } catch {
    // The body may hold a token key, and the SyntaxError quotes the body: neither is kept, only the size.
    throw invalid(`is not valid JSON (${text?.length} characters)`);
  }
  if (kind === "token" ? isToken(value) : Array.isArray(value) && value.every(isToken)) return value;
  throw invalid(kind === "token" ? "is not a token" : "is not an array of tokens");
}

/** The error for a body that is not what the spec promises. */
function invalid(reason: string): NeuroioError {
  return new NeuroioError(`the response body ${reason}`);
}
