import type { IncomingMessage } from "node:http";
import { percentDecodes } from "../prism/routes.js";
import { isJsonContentType, mediaTypeOf, unsupportedMediaType } from "../stateful/request-body.js";
import { detailReply, type Reply } from "./reply.js";

/** Largest request body the mock reads, as Prism does (10 MiB); a larger one is a 413. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Deepest JSON nesting accepted; deeper bodies are refused before any recursive code sees them. */
export const MAX_JSON_DEPTH = 64;

/**
 * Reads the whole request body; `undefined` when it is over {@link MAX_BODY_BYTES} (by its `Content-Length`
 * or as it arrives), refused at once without reading the rest: the caller answers 413 and closes the
 * connection.
 */
export function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  if (Number(request.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.off("data", onData);
        request.pause();
        resolve(undefined);
      } else chunks.push(chunk);
    };
    request.on("data", onData);
    request.on("end", () => resolve(Buffer.concat(chunks)));
    // An aborted upload: nothing will be answered to anyone, an empty body ends the handling quietly.
    request.on("error", () => resolve(Buffer.alloc(0)));
  });
}

/**
 * The body as Prism takes it: parsed JSON, a form as its text (Prism decodes it), nothing when `declared`
 * (the media types of the operation's request body) is empty: the real API does not read one there. A
 * compressed body, a media type the operation does not take or a charset other than UTF-8 is a 415, JSON
 * that does not parse (or is not UTF-8, or nests deeper than {@link MAX_JSON_DEPTH}) a 400.
 * @param declared `undefined` when the request matched no operation (proxy mode): any media type goes.
 */
export function parseBody(
  raw: Buffer,
  headers: IncomingMessage["headers"],
  declared: readonly string[] | undefined,
): { value: unknown } | Reply {
  if (raw.length === 0 || declared?.length === 0) return { value: undefined };
  const encoding = headers["content-encoding"]?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== "" && encoding !== "identity") {
    // The API does not decompress bodies; decompressing here would let a small request take any memory.
    return detailReply(
      415,
      `Unsupported Content-Encoding "${encoding}" in request: send the body uncompressed.`,
    );
  }
  const contentType = headers["content-type"];
  const mediaType = mediaTypeOf(contentType);
  const json = isJsonContentType(contentType);
  const takes = declared?.some((name) => name === mediaType || (json && name === "application/json")) ?? true;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? "")?.[1]?.toLowerCase();
  if (!takes || (charset !== undefined && !["utf-8", "utf8", "us-ascii"].includes(charset))) {
    return detailReply(415, unsupportedMediaType(takes ? (contentType ?? "").trim() : mediaType || "(none)"));
  }
  if (!json) {
    // A form with a malformed percent-encoding (`is_active=%ff%`, on which Prism's `decodeURIComponent`
    // throws) is re-encoded as Django reads it, bad bytes as U+FFFD and a lone `%` as itself.
    const text = raw.toString("utf8");
    return { value: percentDecodes(text) ? text : new URLSearchParams(text).toString() };
  }
  const parsed = parseJson(raw);
  return typeof parsed === "string" ? detailReply(400, parsed) : { value: parsed.value };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A JSON body parsed once, or the `detail` of the real API's 400, `JSON parse error - ...`. */
function parseJson(body: Buffer): { value: unknown } | string {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return "JSON parse error - the body is not valid UTF-8.";
  }
  if (nestingDepth(text) > MAX_JSON_DEPTH)
    return `JSON parse error - nested deeper than ${MAX_JSON_DEPTH} levels.`;
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return `JSON parse error - ${(error as Error).message}`;
  }
}

/** The deepest `[`/`{` nesting of a JSON text, strings skipped; a loop, so no input can exhaust the stack. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (character === "\\") index += 1;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === "[" || character === "{") deepest = Math.max(deepest, ++depth);
    else if (character === "]" || character === "}") depth -= 1;
  }
  return deepest;
}
