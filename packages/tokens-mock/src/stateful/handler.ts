/**
 * The stateful tokens API as a `node:http` request handler: routing, authentication, validation and the
 * exact status codes and bodies of the spec (204 with an empty body, DRF-style errors).
 * @module
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { AUTHENTICATE_CHALLENGE } from "../server/authorization.js";
import { readBody } from "../server/request-body.js";
import { authenticate } from "./auth.js";
import { parseBody } from "./body.js";
import {
  type FieldErrors,
  parseCreateBody,
  parseListQuery,
  parsePermanentFilter,
  parseUpdateBody,
} from "./params.js";
import { PermanentTokenLimitError, type TokenStore } from "./store.js";

/** A `node:http` request listener. */
export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

const COLLECTION_PATH = "/v1/tokens/";
const ITEM_PATH = /^\/v1\/tokens\/([^/]+)\/$/;
const NOT_FOUND = { detail: "Not found." };

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

/**
 * Creates the handler serving `/v1/tokens/` and `/v1/tokens/{token_id_or_key}/` from `store`. Every
 * operation needs a valid `Authorization: Token <key>`; other paths are 404, other methods 405.
 */
export function createStatefulHandler(store: TokenStore): RequestHandler {
  return (request, response) => {
    handle(store, request).then(
      (reply) => send(response, reply),
      (error: unknown) => {
        // A bug of the mock itself: a 500, which the validating proxy in front reports as a violation.
        send(response, {
          status: 500,
          body: { detail: `Internal error of the stateful mock: ${String(error)}` },
        });
      },
    );
  };
}

async function handle(store: TokenStore, request: IncomingMessage): Promise<Reply> {
  const method = (request.method ?? "GET").toUpperCase();
  const url = new URL(request.url ?? "/", "http://localhost");
  const route = matchRoute(url.pathname);
  // Read the body before answering, even a 401, so the connection can be reused.
  const read = await readBody(request);
  // The spec declares no 413: an oversized body is the 400 it allows.
  if (!read.ok) return { status: 400, body: { detail: read.detail } };
  const raw = read.body;
  if (!route) return { status: 404, body: NOT_FOUND };
  const allowed = route.kind === "collection" ? ["GET", "POST", "DELETE"] : ["GET", "PATCH", "PUT", "DELETE"];
  const auth = authenticate(request.headers.authorization, store);
  if (!auth.ok) {
    return {
      status: 401,
      body: { detail: auth.detail },
      headers: { "www-authenticate": AUTHENTICATE_CHALLENGE },
    };
  }
  if (!allowed.includes(method)) {
    return {
      status: 405,
      body: { detail: `Method "${method}" not allowed.` },
      headers: { allow: [...allowed, "OPTIONS"].join(", ") },
    };
  }
  if (route.kind === "collection") {
    if (method === "GET") return listTokens(store, url.searchParams);
    if (method === "DELETE") return deleteTokens(store, url.searchParams);
    return createToken(store, request, raw);
  }
  if (method === "GET") {
    const token = store.find(route.idOrKey);
    return token ? { status: 200, body: token } : { status: 404, body: NOT_FOUND };
  }
  if (method === "DELETE") {
    return store.delete(route.idOrKey) ? { status: 204 } : { status: 404, body: NOT_FOUND };
  }
  return updateToken(store, route.idOrKey, request, raw);
}

function matchRoute(
  pathname: string,
): { kind: "collection" } | { kind: "item"; idOrKey: string } | undefined {
  if (pathname === COLLECTION_PATH) return { kind: "collection" };
  const segment = ITEM_PATH.exec(pathname)?.[1];
  if (segment === undefined) return undefined;
  try {
    return { kind: "item", idOrKey: decodeURIComponent(segment) };
  } catch {
    return undefined; // a malformed percent-encoding names no token
  }
}

function listTokens(store: TokenStore, params: URLSearchParams): Reply {
  const query = parseListQuery(params);
  return query.ok ? { status: 200, body: store.list(query.value) } : invalid(query.errors);
}

function deleteTokens(store: TokenStore, params: URLSearchParams): Reply {
  const permanent = parsePermanentFilter(params);
  if (!permanent.ok) return invalid(permanent.errors);
  store.deleteMany(permanent.value);
  return { status: 204 };
}

function createToken(store: TokenStore, request: IncomingMessage, raw: Buffer): Reply {
  const body = parseBody(request.headers["content-type"], raw);
  if (!body.ok) return { status: 400, body: { detail: body.detail } };
  const fields = parseCreateBody(body.fields);
  if (!fields.ok) return invalid(fields.errors);
  try {
    return { status: 201, body: store.create(fields.value) };
  } catch (error) {
    if (error instanceof PermanentTokenLimitError) return { status: 400, body: { detail: error.message } };
    throw error;
  }
}

function updateToken(store: TokenStore, idOrKey: string, request: IncomingMessage, raw: Buffer): Reply {
  // DRF looks the object up before validating the body: an unknown id is a 404 whatever was sent.
  if (!store.find(idOrKey)) return { status: 404, body: NOT_FOUND };
  const body = parseBody(request.headers["content-type"], raw);
  if (!body.ok) return { status: 400, body: { detail: body.detail } };
  const fields = parseUpdateBody(body.fields);
  if (!fields.ok) return invalid(fields.errors);
  const token = store.setActive(idOrKey, fields.value.is_active);
  return token ? { status: 200, body: token } : { status: 404, body: NOT_FOUND };
}

function invalid(errors: FieldErrors): Reply {
  return { status: 400, body: errors };
}

function send(response: ServerResponse, reply: Reply): void {
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
