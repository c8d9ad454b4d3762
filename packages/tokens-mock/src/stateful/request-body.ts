/**
 * Request bodies and media types as the API reads them (Django REST Framework's JSON and form parsers):
 * which `Content-Type` names JSON, its 415 message, and the fields of a parsed body.
 * @module
 */
import { isObject } from "./state-file.js";

/** The fields of the object sent, or the `detail` of the 400 that refuses a body that is no object. */
export type BodyFields =
  | { ok: true; fields: Readonly<Record<string, unknown>> }
  | { ok: false; detail: string };

const NO_FIELDS: Readonly<Record<string, unknown>> = Object.freeze({});

/** DRF's 415 message, naming the media type sent. */
export function unsupportedMediaType(mediaType: string): string {
  return `Unsupported media type "${mediaType}" in request.`;
}

/** The media type of a `Content-Type`, lower-cased and without parameters; `""` when there is none. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType?.split(";")[0] ?? "").trim().toLowerCase();
}

/** Whether a `Content-Type` names JSON (`application/json` or `application/*+json`), as Prism decides it. */
export function isJsonContentType(contentType: string | undefined): boolean {
  const mediaType = mediaTypeOf(contentType);
  return mediaType === "application/json" || /^application\/[^/]+\+json$/.test(mediaType);
}

/**
 * The fields of a parsed body: no body is no field (`POST /v1/tokens/` needs none); a JSON body must be an
 * object; a form body (what the Python SDK sends) counts a repeated field by its last value, as Django does.
 * @param contentType The request's `Content-Type`, which says whether the body was a form.
 * @param body The parsed body: a JSON value, or the fields of a form; `undefined` when there was none.
 */
export function bodyFields(contentType: string | undefined, body: unknown): BodyFields {
  if (body === undefined) return { ok: true, fields: NO_FIELDS };
  if (!isObject(body))
    return { ok: false, detail: `Invalid data. Expected a dictionary, but got ${pythonType(body)}.` };
  if (mediaTypeOf(contentType) !== "application/x-www-form-urlencoded") return { ok: true, fields: body };
  // fromEntries defines each field, so one named "__proto__" stays a field.
  const last = Object.entries(body).map(([name, value]) => [
    name,
    Array.isArray(value) ? value.at(-1) : value,
  ]);
  return { ok: true, fields: Object.fromEntries(last) };
}

/** The name DRF puts in "Expected a dictionary, but got ..." (Python's type names). */
function pythonType(value: unknown): string {
  if (value === null) return "NoneType";
  if (Array.isArray(value)) return "list";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "boolean") return "bool";
  return typeof value === "string" ? "str" : typeof value;
}
