/**
 * Parses request bodies the way the service does: JSON and form-urlencoded objects; anything else is a 400
 * with a `detail`. The media type and JSON parsing are the wrapper's (`../http/body.ts`), so both answer alike.
 * @module
 */
import { isJsonContentType, mediaTypeOf, parseJson } from "../server/request-body.js";

/** A parsed body: the fields of the object sent, or the `detail` of the 400 to answer. */
export type ParsedBody = { ok: true; fields: Record<string, unknown> } | { ok: false; detail: string };

/**
 * Parses a body by its `Content-Type`. An empty body is an empty object (`POST /v1/tokens/` needs none);
 * JSON must be an object; a form body gives string values (the last one of a repeated field).
 */
export function parseBody(contentType: string | undefined, raw: Buffer): ParsedBody {
  if (raw.length === 0) return { ok: true, fields: {} };
  if (isJsonContentType(contentType)) {
    const parsed = parseJson(raw);
    return parsed.ok ? objectFields(parsed.value) : { ok: false, detail: parsed.detail };
  }
  const mediaType = mediaTypeOf(contentType);
  if (mediaType === "application/x-www-form-urlencoded") {
    return { ok: true, fields: Object.fromEntries(new URLSearchParams(raw.toString("utf8"))) };
  }
  // DRF answers 415 here; the spec has no 415, so this is the 400 it allows, with the same wording.
  return { ok: false, detail: `Unsupported media type "${mediaType || "(none)"}" in request.` };
}

function objectFields(value: unknown): ParsedBody {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const kind = Array.isArray(value) ? "list" : value === null ? "null" : typeof value;
    return { ok: false, detail: `Invalid data. Expected a dictionary, but got ${kind}.` };
  }
  return { ok: true, fields: value as Record<string, unknown> };
}
