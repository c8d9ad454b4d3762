import type { IncomingMessage } from "node:http";
import { isJsonContentType } from "../stateful/request-body.js";

/** Largest request body the mock reads, as Prism does (10 MiB). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The outcome of reading a request body: the bytes, or why they were refused. */
export type BodyResult = { ok: true; body: Buffer } | { ok: false; status: number; detail: string };

/** Reads the whole request body; refuses one larger than {@link MAX_BODY_BYTES} with 413. */
export function readBody(request: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on("end", () => {
      resolve(
        tooLarge
          ? { ok: false, status: 413, detail: `Request body larger than ${MAX_BODY_BYTES} bytes.` }
          : { ok: true, body: Buffer.concat(chunks) },
      );
    });
    request.on("error", reject);
  });
}

// One reading of media types for both modes: the API's own, kept with the in-memory API.
export { isJsonContentType, mediaTypeOf } from "../stateful/request-body.js";

/** A parsed JSON body: the value, or the `detail` of the 400 the real API (Django REST Framework) sends. */
export type JsonResult = { ok: true; value: unknown } | { ok: false; detail: string };

/** Parses a JSON body once; a body that does not parse gives the real API's `JSON parse error - ...`. */
export function parseJson(body: Buffer): JsonResult {
  try {
    return { ok: true, value: JSON.parse(body.toString("utf8")) };
  } catch (error) {
    return {
      ok: false,
      detail: `JSON parse error - ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/**
 * Checks a JSON body before Prism sees it: Prism 5.16 never answers a request whose JSON does not parse,
 * so the wrapper answers it with the 400 the real API (Django REST Framework) sends.
 * @returns The `detail` of the 400, or `undefined` when the body is acceptable (valid JSON, or empty).
 */
export function malformedJsonDetail(contentType: string | undefined, body: Buffer): string | undefined {
  if (body.length === 0 || !isJsonContentType(contentType)) return undefined;
  const parsed = parseJson(body);
  return parsed.ok ? undefined : parsed.detail;
}
