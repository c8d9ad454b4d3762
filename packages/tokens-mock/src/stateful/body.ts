/**
 * Reads and parses request bodies the way the service does: JSON and form-urlencoded objects; anything else
 * is a 400 with a `detail`, never a hang.
 * @module
 */
import type { IncomingMessage } from "node:http";

/** Bodies larger than this are refused, so a runaway client cannot fill the mock's memory. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A parsed body: the fields of the object sent, or the `detail` of the 400 to answer. */
export type ParsedBody = { ok: true; fields: Record<string, unknown> } | { ok: false; detail: string };

/** Thrown by {@link readBody} for a body over {@link MAX_BODY_BYTES}; answered with a 400. */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
  constructor() {
    super(`The request body is larger than ${MAX_BODY_BYTES} bytes.`);
  }
}

/** Reads the whole body of `request`; rejects with {@link BodyTooLargeError} past {@link MAX_BODY_BYTES}. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Parses a body by its `Content-Type`. An empty body is an empty object (`POST /v1/tokens/` needs none);
 * JSON must be an object; a form body gives string values (the last one of a repeated field).
 */
export function parseBody(contentType: string | undefined, raw: Buffer): ParsedBody {
  if (raw.length === 0) return { ok: true, fields: {} };
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const text = raw.toString("utf8");
  if (mediaType === "application/json" || mediaType.endsWith("+json")) return parseJsonObject(text);
  if (mediaType === "application/x-www-form-urlencoded") {
    return { ok: true, fields: Object.fromEntries(new URLSearchParams(text)) };
  }
  // DRF answers 415 here; the spec has no 415, so this is the 400 it allows, with the same wording.
  return { ok: false, detail: `Unsupported media type "${mediaType || "(none)"}" in request.` };
}

function parseJsonObject(text: string): ParsedBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, detail: `JSON parse error - ${(error as Error).message}` };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const kind = Array.isArray(value) ? "list" : value === null ? "null" : typeof value;
    return { ok: false, detail: `Invalid data. Expected a dictionary, but got ${kind}.` };
  }
  return { ok: true, fields: value as Record<string, unknown> };
}
