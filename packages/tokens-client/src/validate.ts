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

/**
 * Fails with "`name` `rule`, got <value>" unless `ok`, or `value` is `undefined` and `optional`: the shape of
 * every check below.
 */
function check(ok: boolean, value: unknown, name: string, rule: string, optional = true): void {
  if (!ok && !(value === undefined && optional)) fail(name, rule, value);
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
  check(Number.isSafeInteger(value) && (value as number) >= min, value, name, `must be an integer >= ${min}`);
}

/** Throws unless `value` is `true` or `false` (or `undefined` when `optional`). */
export function assertBoolean(value: unknown, name: string, optional = true): void {
  check(typeof value === "boolean", value, name, "must be true or false", optional);
}

/** Throws unless `value` is a plain object (or `undefined` when `optional`). */
export function assertObject(value: unknown, name: string, optional = true): void {
  check(
    !!value && typeof value === "object" && !Array.isArray(value),
    value,
    name,
    "must be an object",
    optional,
  );
}

/** Throws unless `value` is a function (or `undefined` when `optional`). */
export function assertFunction(value: unknown, name: string, optional = false): void {
  check(typeof value === "function", value, name, "must be a function", optional);
}

/** Throws unless `value` is `"none"`, `"deactivate"` or `"delete"`. */
export function assertRetireMode(value: unknown, name: string): void {
  check(
    value === "none" || value === "deactivate" || value === "delete",
    value,
    name,
    'must be "none", "deactivate" or "delete"',
    false,
  );
}

/** Throws unless `value` is a positive, finite number of milliseconds (or `undefined`). */
export function assertTimeout(value: unknown, name = "timeoutMs"): void {
  check(
    Number.isFinite(value) && (value as number) > 0,
    value,
    name,
    "must be a positive, finite number of milliseconds",
  );
}

/** Throws unless `options` is a valid last argument `{ signal?, timeoutMs? }` of an operation. */
export function assertRequestOptions(options: RequestOptions | undefined): void {
  if (options === undefined) return;
  assertObject(options, "options");
  assertTimeout(options.timeoutMs, "options.timeoutMs");
  const signal = options.signal as AbortSignal | null | undefined;
  // Duck-typed, so that signals of another realm (or polyfills) are accepted.
  check(
    typeof signal?.aborted === "boolean" && typeof signal.addEventListener === "function",
    signal,
    "options.signal",
    "must be an AbortSignal",
  );
}

/** A short description of a bad value for messages: its type, and the value when it is a small primitive. */
function describe(value: unknown): string {
  const type = typeof value;
  if (type === "string") return JSON.stringify((value as string).slice(0, 40));
  if (type === "number" || type === "boolean" || type === "bigint") return `${type} ${value}`;
  return value === null ? "null" : Array.isArray(value) ? "an array" : type;
}
