/**
 * The fields of a request body as the API reads them (Django REST Framework's JSON and form parsers): the
 * body arrives parsed; here it is checked to be an object of a media type the API takes.
 * @module
 */

/** The fields of the object sent, or the status and `detail` of the answer that refuses the body. */
export type BodyFields =
  | { ok: true; fields: Readonly<Record<string, unknown>> }
  | { ok: false; status: 400 | 415; detail: string };

import { isObject } from "./state-file.js";

const FORM = "application/x-www-form-urlencoded";
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
 * Checks a parsed body: no body is no field (`POST /v1/tokens/` needs none); a JSON body must be an
 * object; a form body (what the Python SDK sends) counts a repeated field by its last value, as Django does.
 * A `Content-Type` other than JSON or form is a 415.
 * @param contentType The request's `Content-Type`; without one, the body is taken as the caller parsed it.
 * @param body The parsed body: a JSON value, or the fields of a form; `undefined` when there was none.
 */
export function bodyFields(contentType: string | undefined, body: unknown): BodyFields {
  const mediaType = mediaTypeOf(contentType);
  const form = mediaType === FORM;
  if (mediaType !== "" && !form && !isJsonContentType(mediaType)) {
    return { ok: false, status: 415, detail: unsupportedMediaType(mediaType) };
  }
  if (body === undefined) return { ok: true, fields: NO_FIELDS };
  if (!isObject(body)) {
    const detail = `Invalid data. Expected a dictionary, but got ${pythonType(body)}.`;
    return { ok: false, status: 400, detail };
  }
  if (!form) return { ok: true, fields: body };
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
  if (typeof value === "string") return "str";
  return typeof value;
}
