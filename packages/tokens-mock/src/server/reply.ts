import type { ServerResponse } from "node:http";

/** What the mock answers: a status, headers, and a body (`undefined`: none, as for a 204). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** A JSON value, serialized here; a string is sent as it is when `content-type` is not JSON. */
  body?: unknown;
}

/**
 * The one place the mock writes an answer: serializes the body (JSON unless told otherwise) and sets
 * `Content-Length`. Errors are Django REST Framework style, `{"detail": "..."}` or field lists.
 */
export function sendReply(response: ServerResponse, reply: Reply): void {
  const headers: Record<string, string | number> = { ...reply.headers };
  let payload = "";
  if (reply.body !== undefined) {
    const contentType = String(headers["content-type"] ?? "application/json");
    headers["content-type"] = contentType;
    payload =
      typeof reply.body === "string" && !/json/i.test(contentType) ? reply.body : JSON.stringify(reply.body);
  }
  headers["content-length"] = Buffer.byteLength(payload);
  response.writeHead(reply.status, headers);
  response.end(payload);
}

/** A `{"detail": ...}` reply, the shape the real API uses for every error that names no field. */
export function detailReply(status: number, detail: string, headers?: Record<string, string>): Reply {
  return { status, body: { detail }, ...(headers ? { headers } : {}) };
}
