/**
 * Examples that follow the request (examples mode, what `pnpm mock` serves): Prism answers the first named
 * example whatever was asked; this picks, among the spec's own example tokens (its 2xx examples), the one
 * the request asks for. Nothing is remembered between requests (that is `--stateful`).
 * @module
 */
import {
  parseDeleteFilter,
  parseListQuery,
  parseUpdateBody,
  type Query,
  toBoolean,
} from "../stateful/params.js";
import { bodyFields } from "../stateful/request-body.js";
import { isObject, isToken } from "../stateful/state-file.js";
import { idOf, isOfKind, type StoredToken } from "../stateful/store.js";

/**
 * The part of an operation of the loaded spec that is read here: Prism's `IHttpOperation` (what
 * `getHttpOperationsFromSpec` returns, `iid` being the operationId) has this shape.
 */
export interface SpecOperation {
  readonly iid?: string;
  readonly responses: ReadonlyArray<{
    readonly code: string;
    /** Each example is `{ key, value }`, or `{ key, externalValue }` (never read here). */
    readonly contents?: ReadonlyArray<{ readonly examples?: ReadonlyArray<object> }>;
  }>;
}

/**
 * The request, as far as choosing an example needs it: the operationId Prism routed it to, the path's
 * `token_id_or_key` percent-decoded (`undefined` on the collection), the query (a repeated parameter is an
 * array) and the parsed body. (An answer `Prefer` chose is never followed: the engine does not ask.)
 */
export interface FollowedRequest {
  operationId: string;
  tokenIdOrKey?: string | number | undefined;
  query: Query;
  body: unknown;
  /** The request's `Content-Type`: a form body counts a repeated field by its last value, as Django does. */
  contentType?: string | undefined;
}

/** An answer: its status and its JSON body (`undefined`: no body). */
export interface ExampleAnswer {
  status: number;
  body: unknown;
}

/**
 * The answer that follows the request, or `answer` itself when no rule applies (only a 2xx that `Prefer`
 * did not choose is changed): create answers the permanent or temporary example as asked; list filters and
 * pages the examples, newest first; get, update and replace answer the example of that id or key (else
 * Prism's token), with `is_active` as sent. A list or delete-many query that Prism's coercion lets through but
 * the API refuses (`limit=1e1`, an empty `permanent` on delete) is the API's 400, as in stateful mode (the
 * same reader, stateful/params.ts). Pure: none of the inputs is changed.
 */
export function followRequest(
  operations: readonly SpecOperation[],
  request: FollowedRequest,
  answer: ExampleAnswer,
): ExampleAnswer {
  if (answer.status < 200 || answer.status > 299) return answer;
  const tokens = exampleTokens(operations);
  switch (request.operationId) {
    case "createToken":
      return created(tokens, request.body, answer);
    case "listTokens":
      return listed(tokens, request.query, answer);
    case "getToken": {
      const token = findToken(tokens, request.tokenIdOrKey);
      return token ? { status: answer.status, body: { ...token } } : answer;
    }
    case "updateToken":
    case "replaceToken":
      return updated(tokens, request, answer);
    case "deleteTokens": {
      const filter = parseDeleteFilter(request.query);
      return filter.ok ? answer : { status: 400, body: filter.errors };
    }
    default:
      // deleteToken answers 204 without a body: nothing to follow.
      return answer;
  }
}

/** The example tokens of every 2xx answer of the spec, each id once, in the order the spec gives them. */
export function exampleTokens(operations: readonly SpecOperation[]): readonly StoredToken[] {
  const cached = cache.get(operations);
  if (cached) return cached;
  const values = operations
    .flatMap((operation) => operation.responses.filter((response) => /^2\d\d$/.test(response.code)))
    .flatMap((response) => response.contents ?? [])
    .flatMap((content) => content.examples ?? [])
    .flatMap((example): unknown[] => ("value" in example ? [example.value].flat() : []));
  const byId = new Map<number, StoredToken>();
  for (const item of values) {
    // The first example of an id is the token; later ones are views of it (deactivated, say).
    if (isToken(item) && !byId.has(item.id)) byId.set(item.id, { ...item });
  }
  const tokens = Object.freeze([...byId.values()]);
  cache.set(operations, tokens);
  return tokens;
}

const cache = new WeakMap<readonly SpecOperation[], readonly StoredToken[]>();

function created(tokens: readonly StoredToken[], body: unknown, answer: ExampleAnswer): ExampleAnswer {
  const permanent = isObject(body) && Object.hasOwn(body, "permanent") ? toBoolean(body.permanent) : false;
  const token = permanent === undefined ? undefined : tokens.find((item) => isOfKind(item, permanent));
  return token ? { status: answer.status, body: { ...token } } : answer;
}

function listed(tokens: readonly StoredToken[], query: Query, answer: ExampleAnswer): ExampleAnswer {
  const parsed = parseListQuery(query);
  if (!parsed.ok) return { status: 400, body: parsed.errors };
  if (!Array.isArray(answer.body)) return answer;
  const { permanent, limit, offset } = parsed.value;
  const kind = tokens.filter((token) => isOfKind(token, permanent)).sort((a, b) => b.id - a.id);
  return { status: answer.status, body: kind.slice(offset, offset + limit).map((token) => ({ ...token })) };
}

function updated(tokens: readonly StoredToken[], request: FollowedRequest, answer: ExampleAnswer) {
  const body = bodyFields(request.contentType, request.body);
  const fields = body.ok ? parseUpdateBody(body.fields) : undefined;
  const base = findToken(tokens, request.tokenIdOrKey) ?? (isToken(answer.body) ? answer.body : undefined);
  if (!base) return answer;
  return {
    status: answer.status,
    body: { ...base, is_active: fields?.ok ? fields.value.is_active : base.is_active },
  };
}

function findToken(tokens: readonly StoredToken[], idOrKey: string | number | undefined) {
  if (idOrKey === undefined) return undefined;
  const id = idOf(String(idOrKey));
  return tokens.find((token) => token.id === id) ?? tokens.find((token) => token.key === String(idOrKey));
}
