/**
 * The tokens API over a {@link TokenStore}: routing, authentication, validation and the exact status codes
 * and bodies of the spec (204 without a body, DRF-style errors). Pure request in, answer out: no I/O here.
 * @module
 */
import type { ApiRequest, ApiResponse } from "./api.js";
import { AUTHENTICATE_CHALLENGE, INVALID_TOKEN, parseAuthorization } from "./auth.js";
import {
  type Parsed,
  parseCreateBody,
  parseListQuery,
  parsePermanentFilter,
  parseUpdateBody,
} from "./params.js";
import { bodyFields } from "./request-body.js";
import { PermanentTokenLimitError, type TokenStore } from "./store.js";

const COLLECTION_PATH = "/v1/tokens/";
const COLLECTION_METHODS = ["GET", "POST", "DELETE"];
const ITEM_METHODS = ["GET", "PATCH", "PUT", "DELETE"];

type Route = { kind: "collection" } | { kind: "item"; idOrKey: string };

/**
 * Answers one request from `store`. Unknown paths are 404 (before authentication, as Django resolves URLs
 * first), then every operation needs a valid `Authorization: Token <key>` (401), then other methods are 405.
 * Throws only on a bug of the mock; the caller turns that into a 500.
 */
export function respond(store: TokenStore, request: ApiRequest): ApiResponse {
  const route = matchRoute(request.path);
  if (!route) return notFound();
  const auth = parseAuthorization(headerValue(request.headers, "authorization"));
  const refused = !auth.ok ? auth.detail : store.authenticate(auth.key) ? undefined : INVALID_TOKEN;
  if (refused !== undefined) {
    return json(401, { detail: refused }, { "www-authenticate": AUTHENTICATE_CHALLENGE });
  }
  const method = typeof request.method === "string" ? request.method.toUpperCase() : "";
  const allowed = route.kind === "collection" ? COLLECTION_METHODS : ITEM_METHODS;
  if (!allowed.includes(method)) {
    // The method is echoed as DRF does; it is a token of the request line, never a secret.
    const detail = `Method "${method.slice(0, 32)}" not allowed.`;
    return json(405, { detail }, { allow: [...allowed, "OPTIONS"].join(", ") });
  }
  if (route.kind === "collection") {
    if (method === "GET") return listTokens(store, request);
    if (method === "DELETE") return deleteTokens(store, request);
    return createToken(store, request);
  }
  if (method === "GET") {
    const token = store.find(route.idOrKey);
    return token ? json(200, token) : notFound();
  }
  if (method === "DELETE") return store.delete(route.idOrKey) ? { status: 204 } : notFound();
  return updateToken(store, route.idOrKey, request);
}

/** The route of a raw (percent-encoded) path; a malformed escape names no token, so it is no route. */
function matchRoute(path: string): Route | undefined {
  if (typeof path !== "string") return undefined;
  if (path === COLLECTION_PATH) return { kind: "collection" };
  if (!path.startsWith(COLLECTION_PATH) || !path.endsWith("/")) return undefined;
  const segment = path.slice(COLLECTION_PATH.length, -1);
  if (segment === "" || segment.includes("/")) return undefined;
  try {
    return { kind: "item", idOrKey: decodeURIComponent(segment) };
  } catch {
    return undefined;
  }
}

/**
 * A request header by name, whatever case the caller's object uses; repeated values are joined with
 * `", "` as HTTP folds them (so two `Authorization` headers read as one malformed header).
 */
function headerValue(headers: ApiRequest["headers"], name: string): string | undefined {
  let value: unknown = headers && Object.hasOwn(headers, name) ? headers[name] : undefined;
  if (value === undefined && headers) {
    for (const [candidate, candidateValue] of Object.entries(headers)) {
      if (candidate.toLowerCase() === name) value = candidateValue;
    }
  }
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value.join(", ");
  return undefined;
}

function listTokens(store: TokenStore, request: ApiRequest): ApiResponse {
  const query = parseListQuery(request.query ?? {});
  return query.ok ? json(200, store.list(query.value)) : json(400, query.errors);
}

function deleteTokens(store: TokenStore, request: ApiRequest): ApiResponse {
  const permanent = parsePermanentFilter(request.query ?? {});
  if (!permanent.ok) return json(400, permanent.errors);
  store.deleteMany(permanent.value);
  return { status: 204 };
}

function createToken(store: TokenStore, request: ApiRequest): ApiResponse {
  return withBody(request, parseCreateBody, (fields) => json(201, store.create(fields)));
}

function updateToken(store: TokenStore, idOrKey: string, request: ApiRequest): ApiResponse {
  // DRF looks the object up before validating the body: an unknown id is a 404 whatever was sent.
  if (!store.find(idOrKey)) return notFound();
  return withBody(request, parseUpdateBody, (fields) => {
    const token = store.setActive(idOrKey, fields.is_active);
    return token ? json(200, token) : notFound();
  });
}

/** Reads and checks the body, then acts on its fields; a request over the permanent-token limit is a 400. */
function withBody<T>(
  request: ApiRequest,
  parse: (fields: Readonly<Record<string, unknown>>) => Parsed<T>,
  act: (value: T) => ApiResponse,
): ApiResponse {
  const body = bodyFields(headerValue(request.headers, "content-type"), request.body);
  if (!body.ok) return json(body.status, { detail: body.detail });
  const fields = parse(body.fields);
  if (!fields.ok) return json(400, fields.errors);
  try {
    return act(fields.value);
  } catch (error) {
    if (error instanceof PermanentTokenLimitError) return json(400, { detail: error.message });
    throw error;
  }
}

/** A JSON answer of the API. */
export function json(status: number, body: unknown, headers?: Record<string, string>): ApiResponse {
  return { status, headers: { "content-type": "application/json", ...headers }, body };
}

function notFound(): ApiResponse {
  return json(404, { detail: "Not found." });
}
