/**
 * TEMPORARY: the in-memory API served over `node:http`, for the old stateful path (`backend.ts`, Prism as
 * an HTTP proxy in front of it). It only reads and parses the body, then calls the same {@link respond} as
 * {@link openStatefulApi}. Delete it together with `backend.ts` once Prism calls the API in-process.
 * @module
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isJsonContentType, mediaTypeOf, parseJson, readBody } from "../http/body.js";
import type { ApiRequest, ApiResponse } from "./api.js";
import { respond } from "./operations.js";
import type { TokenStore } from "./store.js";

/** A `node:http` request listener. */
export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** Creates the listener serving `/v1/tokens/` and `/v1/tokens/{token_id_or_key}/` from `store`. */
export function createStatefulHandler(store: TokenStore): RequestHandler {
  return (request, response) => {
    toApiRequest(request)
      .then((apiRequest) => (apiRequest.status === undefined ? respond(store, apiRequest) : apiRequest))
      .catch(() => ({ status: 500, body: { detail: "Internal error of the stateful mock." } }))
      .then((reply) => send(response, reply));
  };
}

async function toApiRequest(
  request: IncomingMessage,
): Promise<(ApiRequest & { status?: never }) | ApiResponse> {
  const [path = "/", search = ""] = (request.url ?? "/").split("?", 2);
  const read = await readBody(request);
  if (!read.ok) return { status: 400, body: { detail: read.detail } };
  const contentType = request.headers["content-type"];
  let body: unknown;
  if (read.body.length > 0) {
    if (isJsonContentType(contentType)) {
      const parsed = parseJson(read.body);
      if (!parsed.ok) return { status: 400, body: { detail: parsed.detail } };
      body = parsed.value;
    } else if (mediaTypeOf(contentType) === "application/x-www-form-urlencoded") {
      body = recordOf(new URLSearchParams(read.body.toString("utf8")));
    } else {
      body = read.body.toString("utf8");
    }
  }
  return {
    method: request.method ?? "GET",
    path,
    query: recordOf(new URLSearchParams(search)),
    headers: request.headers,
    body,
  };
}

function recordOf(params: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of params) {
    const previous = record[name];
    record[name] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return record;
}

function send(response: ServerResponse, reply: ApiResponse): void {
  for (const [name, value] of Object.entries(reply.headers ?? {})) response.setHeader(name, value);
  if (reply.body === undefined) {
    // 204: no body and no Content-Type, as the spec declares.
    response.writeHead(reply.status).end();
    return;
  }
  const payload = JSON.stringify(reply.body);
  response
    .writeHead(reply.status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(payload),
    })
    .end(payload);
}
