/**
 * Argument checks run before any request. Each throws a `NeuroioError` naming the argument and what was
 * wrong; none quotes a secret.
 * @module
 */
import { NeuroioError } from "./errors.js";
import type { RequestOptions, TokenIdOrKey } from "./types.js";

/**
 * Throws the `NeuroioError` "`name` `rule`", with ", got <value>" appended when a value is given: every
 * message reads alike, and each check only states its rule.
 */
export function fail(name: string, rule: string, ...got: [unknown?]): never {
  throw new NeuroioError(`${name} ${rule}${got.length ? `, got ${describe(got[0])}` : ""}`);
}

/** Throws unless `value` is a usable API token; the message never quotes it. */
export function assertApiToken(value: unknown, name = "apiToken"): asserts value is string {
  if (value == null || value === "") {
    fail(
      name,
      "is missing: pass it to createTokensClient() or set the NEUROIO_API_TOKEN environment variable",
    );
  }
  if (typeof value !== "string") fail(name, `must be a string, got ${typeof value}`);
  // Only visible ASCII: whitespace or control characters would let a token inject headers.
  if (!/^[\x21-\x7e]+$/.test(value))
    fail(name, "must not contain whitespace, control or non-ASCII characters");
}

/** Throws unless `value` is a positive safe integer id or a key that stays one path segment. */
export function assertIdOrKey(value: unknown): asserts value is TokenIdOrKey {
  const name = "idOrKey";
  if (typeof value === "number") {
    if (!(Number.isSafeInteger(value) && value >= 1)) {
      fail(name, `must be a positive safe integer id or a non-empty key, got ${value}`);
    }
  } else if (typeof value !== "string") fail(name, "must be a positive integer id or a key string", value);
  else if (value === "") fail(name, "must not be an empty string");
  // Percent-encoding leaves dots alone, and URL parsing resolves `.`/`..` segments to another endpoint.
  else if (value === "." || value === "..") fail(name, 'must not be "." or ".."');
}

/** Throws unless `value` is `undefined` or a safe integer >= `min`. */
export function assertInteger(value: unknown, name: string, min: number): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= min)) {
    fail(name, `must be an integer >= ${min}`, value);
  }
}

/** Throws unless `value` is `true` or `false` (or `undefined` when `optional`). */
export function assertBoolean(value: unknown, name: string, optional = true): void {
  if (!(value === undefined && optional) && typeof value !== "boolean")
    fail(name, "must be true or false", value);
}

/** Throws unless `value` is a plain object (or `undefined` when `optional`). */
export function assertObject(value: unknown, name: string, optional = true): void {
  if (!(value === undefined && optional) && (typeof value !== "object" || !value || Array.isArray(value))) {
    fail(name, "must be an object", value);
  }
}

/** Throws unless `value` is a function (or `undefined` when `optional`). */
export function assertFunction(value: unknown, name: string, optional = false): void {
  if (!(value === undefined && optional) && typeof value !== "function")
    fail(name, "must be a function", value);
}

/** Throws unless `value` is `"none"`, `"deactivate"` or `"delete"`. */
export function assertRetireMode(value: unknown, name: string): void {
  if (value !== "none" && value !== "deactivate" && value !== "delete") {
    fail(name, 'must be "none", "deactivate" or "delete"', value);
  }
}

/** Throws unless `value` is a positive, finite number of milliseconds (or `undefined`). */
export function assertTimeout(value: unknown, name = "timeoutMs"): void {
  if (value !== undefined && !(Number.isFinite(value) && (value as number) > 0)) {
    fail(name, "must be a positive, finite number of milliseconds", value);
  }
}

/** Throws unless `options` is a valid last argument `{ signal?, timeoutMs? }` of an operation. */
export function assertRequestOptions(options: RequestOptions | undefined): void {
  if (options === undefined) return;
  assertObject(options, "options");
  assertTimeout(options.timeoutMs, "options.timeoutMs");
  const signal: unknown = options.signal;
  // Duck-typed, so that signals of another realm (or polyfills) are accepted.
  if (
    signal !== undefined &&
    (typeof (signal as AbortSignal | null)?.aborted !== "boolean" ||
      typeof (signal as AbortSignal).addEventListener !== "function")
  ) {
    fail("options.signal", "must be an AbortSignal", signal);
  }
}

/** A short description of a bad value for messages: its type, and the value when it is a small primitive. */
function describe(value: unknown): string {
  const type = typeof value;
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (type === "string") {
    const text = value as string;
    return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  }
  return type === "number" || type === "boolean" || type === "bigint" ? `${type} ${String(value)}` : type;
}
