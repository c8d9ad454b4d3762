/**
 * Validation of query parameters and body fields, answering like Django REST Framework does:
 * `{"field": ["message", ...]}`, every bad field at once.
 * @module
 */
import type { ListQuery } from "./store.js";

/** DRF-style field errors: each field name maps to its messages. */
export type FieldErrors = Record<string, string[]>;

/** Query parameters: a repeated one is an array of its values. */
export type Query = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Either the parsed value or the field errors. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** The page size used when `limit` is omitted (the spec's default). */
export const DEFAULT_LIMIT = 20;

// The values DRF's BooleanField accepts, so Python-style form bodies (`is_active=False`) work too.
const TRUE_VALUES = new Set<unknown>([true, 1, "true", "True", "TRUE", "t", "T", "1", "yes", "on"]);
const FALSE_VALUES = new Set<unknown>([false, 0, "false", "False", "FALSE", "f", "F", "0", "no", "off"]);

/** DRF's message for a value that is not a boolean. */
export const INVALID_BOOLEAN = "Must be a valid boolean.";
/** DRF's message for a value that is not an integer. */
export const INVALID_INTEGER = "A valid integer is required.";
/** DRF's message for a required field that is missing. */
export const REQUIRED = "This field is required.";

/** Reads a boolean the way DRF's `BooleanField` does; `undefined` when the value is not one. */
export function toBoolean(value: unknown): boolean | undefined {
  if (TRUE_VALUES.has(value)) return true;
  if (FALSE_VALUES.has(value)) return false;
  return undefined;
}

function toInteger(value: string): number | undefined {
  // Bounded length: a thousand-digit "integer" is not one, and the regular expression stays linear.
  const integer = value.length <= 32 && /^\s*[+-]?\d+\s*$/.test(value) ? Number.parseInt(value, 10) : NaN;
  return Number.isSafeInteger(integer) ? integer : undefined;
}

/**
 * Parses `permanent`, `limit` and `offset` of `GET /v1/tokens/`. `limit` must be an integer >= 1 (default 20),
 * `offset` an integer >= 0 (default 0). A repeated parameter counts by its last value, as Django reads it.
 */
export function parseListQuery(params: Query): Parsed<ListQuery> {
  const errors: FieldErrors = {};
  const permanent = parseOptionalBooleanParam(params, "permanent", errors);
  const limit = parseIntegerParam(params, "limit", 1, DEFAULT_LIMIT, errors);
  const offset = parseIntegerParam(params, "offset", 0, 0, errors);
  const value = permanent === undefined ? { limit, offset } : { permanent, limit, offset };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** Parses the optional `permanent` filter of `DELETE /v1/tokens/`. */
export function parsePermanentFilter(params: Query): Parsed<boolean | undefined> {
  const errors: FieldErrors = {};
  const permanent = parseOptionalBooleanParam(params, "permanent", errors);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: permanent };
}

/** Parses the body of `POST /v1/tokens/`: `{"permanent": bool}`, where the field is optional (default false). */
export function parseCreateBody(body: Readonly<Record<string, unknown>>): Parsed<{ permanent: boolean }> {
  const raw = Object.hasOwn(body, "permanent") ? body.permanent : undefined;
  if (raw === undefined) return { ok: true, value: { permanent: false } };
  const permanent = toBoolean(raw);
  return permanent === undefined
    ? { ok: false, errors: { permanent: [INVALID_BOOLEAN] } }
    : { ok: true, value: { permanent } };
}

/** Parses the body of `PATCH`/`PUT /v1/tokens/{id}/`: `{"is_active": bool}`, required. */
export function parseUpdateBody(body: Readonly<Record<string, unknown>>): Parsed<{ is_active: boolean }> {
  const raw = Object.hasOwn(body, "is_active") ? body.is_active : undefined;
  if (raw === undefined) return { ok: false, errors: { is_active: [REQUIRED] } };
  const isActive = toBoolean(raw);
  return isActive === undefined
    ? { ok: false, errors: { is_active: [INVALID_BOOLEAN] } }
    : { ok: true, value: { is_active: isActive } };
}

/**
 * The value of a query parameter or form field as Django's `QueryDict.get` reads it: the last one of a
 * repeated name. `null` when the value is not a string at all (a parser that built an object, say).
 */
export function lastValue(
  source: Readonly<Record<string, unknown>>,
  name: string,
): string | null | undefined {
  if (!Object.hasOwn(source, name)) return undefined;
  const value = source[name];
  const last = Array.isArray(value) ? value.at(-1) : value;
  if (last === undefined) return undefined;
  return typeof last === "string" ? last : null;
}

function parseOptionalBooleanParam(params: Query, name: string, errors: FieldErrors): boolean | undefined {
  const raw = lastValue(params, name);
  if (raw === undefined) return undefined;
  const value = toBoolean(raw);
  if (value === undefined) errors[name] = [INVALID_BOOLEAN];
  return value;
}

function parseIntegerParam(
  params: Query,
  name: string,
  minimum: number,
  fallback: number,
  errors: FieldErrors,
): number {
  const raw = lastValue(params, name);
  if (raw === undefined) return fallback;
  const value = raw === null ? undefined : toInteger(raw);
  if (value !== undefined && value >= minimum) return value;
  const message =
    value === undefined ? INVALID_INTEGER : `Ensure this value is greater than or equal to ${minimum}.`;
  errors[name] = [message];
  return fallback;
}
