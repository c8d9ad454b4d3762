/**
 * Validation of query parameters and body fields, answering like Django REST Framework does:
 * `{"field": ["message", ...]}`, every bad field at once.
 * @module
 */
import type { ListQuery } from "./store.js";

/** DRF-style field errors: each field name maps to its messages. */
export type FieldErrors = Record<string, string[]>;

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
  return /^\s*[+-]?\d+\s*$/.test(value) ? Number.parseInt(value, 10) : undefined;
}

/**
 * Parses `permanent`, `limit` and `offset` of `GET /v1/tokens/`. `limit` must be an integer >= 1 (default 20),
 * `offset` an integer >= 0 (default 0). A repeated parameter counts by its last value, as Django reads it.
 */
export function parseListQuery(params: URLSearchParams): Parsed<ListQuery> {
  const errors: FieldErrors = {};
  const permanent = parseOptionalBooleanParam(params, "permanent", errors);
  const limit = parseIntegerParam(params, "limit", 1, DEFAULT_LIMIT, errors);
  const offset = parseIntegerParam(params, "offset", 0, 0, errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: permanent === undefined ? { limit, offset } : { permanent, limit, offset } };
}

/** Parses the optional `permanent` filter of `DELETE /v1/tokens/`. */
export function parsePermanentFilter(params: URLSearchParams): Parsed<boolean | undefined> {
  const errors: FieldErrors = {};
  const permanent = parseOptionalBooleanParam(params, "permanent", errors);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: permanent };
}

/** Parses the body of `POST /v1/tokens/`: `{"permanent": bool}`, where the field is optional (default false). */
export function parseCreateBody(body: Record<string, unknown>): Parsed<{ permanent: boolean }> {
  if (body.permanent === undefined) return { ok: true, value: { permanent: false } };
  const permanent = toBoolean(body.permanent);
  return permanent === undefined
    ? { ok: false, errors: { permanent: [INVALID_BOOLEAN] } }
    : { ok: true, value: { permanent } };
}

/** Parses the body of `PATCH`/`PUT /v1/tokens/{id}/`: `{"is_active": bool}`, required. */
export function parseUpdateBody(body: Record<string, unknown>): Parsed<{ is_active: boolean }> {
  if (body.is_active === undefined) return { ok: false, errors: { is_active: [REQUIRED] } };
  const isActive = toBoolean(body.is_active);
  return isActive === undefined
    ? { ok: false, errors: { is_active: [INVALID_BOOLEAN] } }
    : { ok: true, value: { is_active: isActive } };
}

function parseOptionalBooleanParam(
  params: URLSearchParams,
  name: string,
  errors: FieldErrors,
): boolean | undefined {
  const raw = params.getAll(name).at(-1);
  if (raw === undefined) return undefined;
  const value = toBoolean(raw);
  if (value === undefined) errors[name] = [INVALID_BOOLEAN];
  return value;
}

function parseIntegerParam(
  params: URLSearchParams,
  name: string,
  minimum: number,
  fallback: number,
  errors: FieldErrors,
): number {
  const raw = params.getAll(name).at(-1);
  if (raw === undefined) return fallback;
  const value = toInteger(raw);
  if (value === undefined || !Number.isSafeInteger(value)) {
    errors[name] = [INVALID_INTEGER];
    return fallback;
  }
  if (value < minimum) {
    errors[name] = [`Ensure this value is greater than or equal to ${minimum}.`];
    return fallback;
  }
  return value;
}
