/**
 * The tokens API over a {@link TokenStore}, for a request that passed the front (the form of `Authorization`,
 * the path, the method, the media type) and Prism (parameters and body against the spec). What neither can
 * know is decided here: whether the key is known, active and unexpired (401), whether the id or key exists
 * (404), the permanent-token limit (400), and the query read as DRF reads it (see params.ts).
 * Pure request in, answer out: no I/O here.
 * @module
 */
import { AUTHENTICATE_CHALLENGE, INVALID_TOKEN, parseAuthorization } from "./auth.js";
import { parseListQuery, parsePermanentFilter, parseUpdateBody, type Query } from "./params.js";
import { bodyFields } from "./request-body.js";
import { PermanentTokenLimitError, type TokenStore } from "./store.js";

/**
 * A checked request, as Prism hands it to `forward`: the raw (percent-encoded) path of `/v1/tokens/` or
 * `/v1/tokens/{token_id_or_key}/`, lower-case header names, and the body parsed from JSON or, for a form
 * (the Python SDK's PATCH), its text.
 */
export interface ApiRequest {
  method: string;
  url: { path: string; query?: Query | undefined };
  headers?: Readonly<Record<string, string | undefined>> | undefined;
  body?: unknown;
}

/** An answer, in the shape `forward` resolves to; no `body` means none at all (204). Fresh objects. */
export interface ApiResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const COLLECTION_PATH = "/v1/tokens/";

/** Answers one checked request from `store`. Throws only on a bug of the mock; the caller makes it a 500. */
export function respond(store: TokenStore, request: ApiRequest): ApiResponse {
  const refused = unauthorized(store, request);
  if (refused) return refused;
  const { path, query = {} } = request.url;
  const method = request.method.toUpperCase();
  if (path === COLLECTION_PATH) {
    if (method === "GET") {
      const parsed = parseListQuery(query);
      return parsed.ok ? json(200, store.list(parsed.value)) : json(400, parsed.errors);
    }
    if (method === "DELETE") {
      const permanent = parsePermanentFilter(query);
      if (!permanent.ok) return json(400, permanent.errors);
      store.deleteMany(permanent.value);
      return { statusCode: 204 };
    }
    return withFields(request, (fields) => json(201, store.create({ permanent: fields.permanent === true })));
  }
  // The front routed the path and checked that it decodes.
  const idOrKey = decodeURIComponent(path.slice(COLLECTION_PATH.length, -1));
  if (method === "GET") {
    const token = store.find(idOrKey);
    return token ? json(200, token) : notFound();
  }
  if (method === "DELETE") return store.delete(idOrKey) ? { statusCode: 204 } : notFound();
  return withFields(request, (fields) => {
    const update = parseUpdateBody(fields);
    if (!update.ok) return json(400, update.errors);
    const token = store.setActive(idOrKey, update.value.is_active);
    return token ? json(200, token) : notFound();
  });
}

/**
 * The 401 of a request whose key is not known, active and unexpired; `undefined` when the key may act.
 * The front answers a malformed header before a request gets here.
 */
export function unauthorized(store: TokenStore, request: ApiRequest): ApiResponse | undefined {
  const auth = parseAuthorization(request.headers?.authorization);
  if (auth.ok && store.authenticate(auth.key)) return undefined;
  const detail = auth.ok ? INVALID_TOKEN : auth.detail;
  return json(401, { detail }, { "www-authenticate": AUTHENTICATE_CHALLENGE });
}

/** Acts on the body's fields; a body that is no object (JSON `null`, which Prism lets through) and a request over the permanent-token limit are 400s. */
function withFields(
  request: ApiRequest,
  act: (fields: Readonly<Record<string, unknown>>) => ApiResponse,
): ApiResponse {
  // A form arrives as its text: fromEntries keeps the last of a repeated field, as Django reads it, and
  // defines a field named "__proto__" as a field.
  const { body } = request;
  const fields = bodyFields(
    undefined,
    typeof body === "string" ? Object.fromEntries(new URLSearchParams(body)) : body,
  );
  if (!fields.ok) return json(400, { detail: fields.detail });
  try {
    return act(fields.fields);
  } catch (error) {
    if (error instanceof PermanentTokenLimitError) return json(400, { detail: error.message });
    throw error;
  }
}

/** A JSON answer of the API. */
export function json(status: number, body: unknown, headers?: Record<string, string>): ApiResponse {
  return { statusCode: status, headers: { "content-type": "application/json", ...headers }, body };
}

function notFound(): ApiResponse {
  return json(404, { detail: "Not found." });
}
