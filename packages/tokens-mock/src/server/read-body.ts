import type { IncomingMessage } from "node:http";

/** Largest request body the mock reads, as Prism does (10 MiB); a larger one is a 413. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Deepest JSON nesting accepted; deeper bodies are refused before any recursive code sees them. */
export const MAX_JSON_DEPTH = 64;

type BodyResult = { ok: true; body: Buffer } | { ok: false; detail: string };

/**
 * Reads the whole request body: its bytes, or the `detail` of the 413. One over the limit (by its
 * `Content-Length` or as it arrives) is refused at once, without reading the rest: the caller answers 413
 * and closes the connection.
 */
export function readBody(request: IncomingMessage): Promise<BodyResult> {
  const tooLarge: BodyResult = { ok: false, detail: `Request body larger than ${MAX_BODY_BYTES} bytes.` };
  if (Number(request.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return Promise.resolve(tooLarge);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.off("data", onData);
        request.pause();
        resolve(tooLarge);
      } else chunks.push(chunk);
    };
    request.on("data", onData);
    request.on("end", () => resolve({ ok: true, body: Buffer.concat(chunks) }));
    // An aborted upload: nothing will be answered to anyone, an empty body ends the handling quietly.
    request.on("error", () => resolve({ ok: true, body: Buffer.alloc(0) }));
  });
}

/** Whether the `charset` of a `Content-Type`, if any, is one the API reads (UTF-8 or its subset ASCII). */
export function isAcceptedCharset(contentType: string | undefined): boolean {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? "")?.[1]?.toLowerCase();
  return charset === undefined || charset === "utf-8" || charset === "utf8" || charset === "us-ascii";
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Parses a JSON body once. Invalid UTF-8, nesting deeper than {@link MAX_JSON_DEPTH} and text that does not
 * parse all give the `detail` of the real API's 400, `JSON parse error - ...`.
 */
export function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false; detail: string } {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { ok: false, detail: "JSON parse error - the body is not valid UTF-8." };
  }
  if (nestingDepth(text) > MAX_JSON_DEPTH) {
    return { ok: false, detail: `JSON parse error - nested deeper than ${MAX_JSON_DEPTH} levels.` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, detail: `JSON parse error - ${(error as Error).message}` };
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
