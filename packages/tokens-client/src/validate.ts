/**
 * Argument checks run before any request. Each throws a `NeuroioError` naming the argument and what was
 * wrong; none quotes a secret.
 * @module
 */
import { NeuroioError } from "./errors.js";
import type { RequestOptions, TokenIdOrKey } from "./types.js";

/** A token may hold only visible ASCII: whitespace or control characters would let it inject headers. */
const TOKEN_CHARS = /^[\x21-\x7e]+$/;

/** Throws unless `value` is a usable API token; the message never quotes it. */
export function assertApiToken(value: unknown, name = "apiToken"): asserts value is string {
  if (value === undefined || value === null || value === "") {
    throw new NeuroioError(
      `${name} is missing: pass it to createTokensClient() or set the NEUROIO_API_TOKEN environment variable`,
    );
  }
  if (typeof value !== "string") throw new NeuroioError(`${name} must be a string, got ${typeof value}`);
  if (!TOKEN_CHARS.test(value)) {
    throw new NeuroioError(`${name} must not contain whitespace, control or non-ASCII characters`);
  }
}

/** Throws unless `value` is a positive safe integer id or a key that stays one path segment. */
export function assertIdOrKey(value: unknown, name = "idOrKey"): asserts value is TokenIdOrKey {
  if (typeof value === "number") {
    if (Number.isSafeInteger(value) && value >= 1) return;
    throw new NeuroioError(`${name} must be a positive safe integer id or a non-empty key, got ${value}`);
  }
  if (typeof value === "string") {
    if (value === "") throw new NeuroioError(`${name} must not be an empty string`);
    // Percent-encoding leaves dots alone, and URL parsing resolves `.`/`..` segments to another endpoint.
    if (value === "." || value === "..") throw new NeuroioError(`${name} must not be "." or ".."`);
    return;
  }
  throw new NeuroioError(`${name} must be a positive integer id or a key string, got ${describe(value)}`);
}

/** Throws unless `value` is an integer >= `min` (or `undefined` when `optional`). */
export function assertInteger(value: unknown, name: string, min: number, optional = true): void {
  if (value === undefined && optional) return;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new NeuroioError(`${name} must be an integer >= ${min}, got ${describe(value)}`);
  }
}

/** Throws unless `value` is `true` or `false` (or `undefined` when `optional`). */
export function assertBoolean(value: unknown, name: string, optional = true): void {
  if (value === undefined && optional) return;
  if (typeof value !== "boolean")
    throw new NeuroioError(`${name} must be true or false, got ${describe(value)}`);
}

/** Throws unless `value` is a plain object (or `undefined` when `optional`). */
export function assertObject(value: unknown, name: string, optional = true): void {
  if (value === undefined && optional) return;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new NeuroioError(`${name} must be an object, got ${describe(value)}`);
  }
}

/** Throws unless `value` is a positive, finite number of milliseconds (or `undefined`). */
export function assertTimeout(value: unknown, name = "timeoutMs"): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new NeuroioError(
      `${name} must be a positive, finite number of milliseconds, got ${describe(value)}`,
    );
  }
}

/** Throws unless `options` is a valid last argument `{ signal?, timeoutMs? }` of an operation. */
export function assertRequestOptions(options: RequestOptions | undefined): void {
  if (options === undefined) return;
  assertObject(options, "options");
  assertTimeout(options.timeoutMs, "options.timeoutMs");
  const signal: unknown = options.signal;
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new NeuroioError(`options.signal must be an AbortSignal, got ${describe(signal)}`);
  }
}

/** Duck-typed, so that signals of another realm (or polyfills) are accepted. */
function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AbortSignal).aborted === "boolean" &&
    typeof (value as AbortSignal).addEventListener === "function"
  );
}

/** A short description of a bad value for messages: its type, and the value when it is a small primitive. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return `${typeof value} ${String(value)}`;
  }
  return typeof value;
}
