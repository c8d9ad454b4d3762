/**
 * Query parameters and body fields read the way Django REST Framework reads them, for requests Prism has
 * checked against the spec. Prism's coercion is looser than DRF's in a few places, which stay checked here:
 * `limit=1e1`, `limit=0x10`, `limit=1.0` and an empty value pass Prism but are no integer to DRF, and
 * `permanent=` (empty) is no boolean to `DELETE`. Errors are DRF's: `{"field": ["message", ...]}`, every field at once.
 * @module
 */
import type { ListQuery } from "./store.js";

/** DRF-style field errors: each field name maps to its messages. */
export type FieldErrors = Record<string, string[]>;

/** Query parameters: a repeated one is an array of its values. */
export type Query = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Either the parsed value or the field errors. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** DRF's message for a value that is not a boolean. */
export const INVALID_BOOLEAN = "Must be a valid boolean.";
/** DRF's message for a value that is not an integer. */
export const INVALID_INTEGER = "A valid integer is required.";
/** DRF's message for a required field that is missing. */
export const REQUIRED = "This field is required.";

// The values DRF's BooleanField accepts, so Python-style form bodies (`is_active=False`) read as DRF reads them.
const TRUE_VALUES = new Set<unknown>([true, 1, "true", "True", "TRUE", "t", "T", "1", "yes", "on"]);
const FALSE_VALUES = new Set<unknown>([false, 0, "false", "False", "FALSE", "f", "F", "0", "no", "off"]);

/** Reads a boolean the way DRF's `BooleanField` does; `undefined` when the value is not one. */
export function toBoolean(value: unknown): boolean | undefined {
  return TRUE_VALUES.has(value) ? true : FALSE_VALUES.has(value) ? false : undefined;
}

/**
 * Parses `permanent`, `limit` (an integer >= 1, default 20) and `offset` (>= 0, default 0) of
 * `GET /v1/tokens/`. A repeated parameter counts by its last value, as Django reads it. An empty `permanent`
 * is read as omitted: the official Python SDK's `list()` sends `permanent=` for "both kinds" (httpx writes
 * `None` as an empty value), so the API takes it.
 */
export function parseListQuery(params: Query): Parsed<ListQuery> {
  const errors: FieldErrors = {};
  const permanent = last(params, "permanent") === "" ? undefined : readBoolean(params, "permanent", errors);
  const limit = readInteger(params, "limit", 1, 20, errors);
  const offset = readInteger(params, "offset", 0, 0, errors);
  return Object.keys(errors).length > 0
    ? { ok: false, errors }
    : { ok: true, value: { permanent, limit, offset } };
}

/**
 * Parses the `permanent` filter of `DELETE /v1/tokens/`, the only parameter it reads. Unlike the list, an empty
 * value is refused: no official client sends one, and read as omitted it would delete every token.
 */
export function parseDeleteFilter(params: Query): Parsed<boolean | undefined> {
  const errors: FieldErrors = {};
  const permanent = readBoolean(params, "permanent", errors);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: permanent };
}

/** Parses the body of `PATCH`/`PUT /v1/tokens/{id}/`: `{"is_active": bool}`, required. */
export function parseUpdateBody(body: Readonly<Record<string, unknown>>): Parsed<{ is_active: boolean }> {
  const isActive = toBoolean(body.is_active);
  if (isActive !== undefined) return { ok: true, value: { is_active: isActive } };
  return { ok: false, errors: { is_active: [body.is_active === undefined ? REQUIRED : INVALID_BOOLEAN] } };
}

/** The value of a parameter as Django's `QueryDict.get` reads it: the last one of a repeated name. */
function last(params: Query, name: string): string | undefined {
  const value = params[name];
  return typeof value === "object" ? value.at(-1) : value;
}

function readBoolean(params: Query, name: string, errors: FieldErrors): boolean | undefined {
  const raw = last(params, name);
  const value = toBoolean(raw);
  if (raw !== undefined && value === undefined) errors[name] = [INVALID_BOOLEAN];
  return value;
}

function readInteger(
  params: Query,
  name: string,
  minimum: number,
  fallback: number,
  errors: FieldErrors,
): number {
  const raw = last(params, name);
  if (raw === undefined) return fallback;
  // Bounded length: a thousand-digit "integer" is not one, and the regular expression stays linear.
  const value = raw.length <= 32 && /^\s*[+-]?\d+\s*$/.test(raw) ? Number.parseInt(raw, 10) : NaN;
  if (Number.isSafeInteger(value) && value >= minimum) return value;
  const tooSmall = Number.isSafeInteger(value);
  errors[name] = [tooSmall ? `Ensure this value is greater than or equal to ${minimum}.` : INVALID_INTEGER];
  return fallback;
}
