/**
 * Examples that follow the request (examples mode, what `pnpm mock` serves): Prism answers the first named
 * example whatever was asked; this picks, among the spec's own example tokens, the one the request asks
 * for. Nothing is remembered between requests (that is `--stateful`).
 *
 * Exported signature (the examples mode calls it on every answer Prism chose):
 * ```ts
 * followRequest(operations: readonly SpecOperation[], request: FollowedRequest, answer: ExampleAnswer): ExampleAnswer
 * ```
 * - `createToken`: the spec's permanent example for `{"permanent": true}`, its temporary one otherwise;
 * - `updateToken` / `replaceToken`: the token (the example with that id or key, else Prism's) with
 *   `is_active` as sent;
 * - `listTokens`: the spec's example tokens, newest first, filtered by `permanent` and paged by
 *   `limit` / `offset`;
 * - `getToken` / `updateToken` / `replaceToken` of an id or key an example has: that example (an unknown id
 *   or key keeps Prism's token); `deleteToken` / `deleteTokens` answer 204 without a body, kept as it is.
 * Only a 2xx answer is changed, and never one the caller picked with `Prefer: example=` or `code=`.
 * The example tokens are read once per `operations` array (cached), from the 2xx examples of the spec.
 * @module
 */
import { parseListQuery, parseUpdateBody, type Query, toBoolean } from "../stateful/params.js";
import { idOf, type StoredToken } from "../stateful/store.js";

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

/** The request, as far as choosing an example needs it. */
export interface FollowedRequest {
  /** The operationId Prism routed the request to (`createToken`, `listTokens`, ...). */
  operationId: string;
  /**
   * The path parameter `token_id_or_key`, percent-decoded (a number when the caller already coerced an id);
   * `undefined` on the collection.
   */
  tokenIdOrKey?: string | number | undefined;
  /** The query parameters; a repeated one is an array of its values. */
  query: Query;
  /** The parsed body (a JSON value or the fields of a form); `undefined` when there was none. */
  body: unknown;
  /** Whether the request chose its answer with `Prefer: example=NAME` or `Prefer: code=NNN`. */
  explicitExample: boolean;
}

/** An answer: its status and its JSON body (`undefined`: no body). */
export interface ExampleAnswer {
  status: number;
  body: unknown;
}

/**
 * Returns the answer that follows the request (see the module's description); `answer` itself when no rule
 * applies. Pure: the same inputs give the same answer, and none of them is changed.
 */
export function followRequest(
  operations: readonly SpecOperation[],
  request: FollowedRequest,
  answer: ExampleAnswer,
): ExampleAnswer {
  if (request.explicitExample || answer.status < 200 || answer.status > 299) return answer;
  const tokens = exampleTokens(operations);
  switch (request.operationId) {
    case "createToken":
      return created(tokens, request.body, answer);
    case "listTokens":
      return listed(tokens, request.query, answer);
    case "getToken":
      return found(tokens, request.tokenIdOrKey, answer);
    case "updateToken":
    case "replaceToken":
      return updated(tokens, request, answer);
    default:
      // deleteToken and deleteTokens answer 204 without a body: nothing to follow.
      return answer;
  }
}

/** The example tokens of every 2xx answer of the spec, each id once, in the order the spec gives them. */
export function exampleTokens(operations: readonly SpecOperation[]): readonly StoredToken[] {
  const cached = cache.get(operations);
  if (cached) return cached;
  const byId = new Map<number, StoredToken>();
  for (const operation of operations) {
    for (const response of operation.responses) {
      if (!/^2\d\d$/.test(response.code)) continue;
      for (const content of response.contents ?? []) {
        for (const example of content.examples ?? []) {
          const value: unknown = "value" in example ? example.value : undefined;
          const values: unknown[] = Array.isArray(value) ? value : [value];
          for (const item of values) {
            // The first example of an id is the token; later ones are views of it (deactivated, say).
            if (isToken(item) && !byId.has(item.id)) byId.set(item.id, { ...item });
          }
        }
      }
    }
  }
  const tokens = Object.freeze([...byId.values()]);
  cache.set(operations, tokens);
  return tokens;
}

const cache = new WeakMap<readonly SpecOperation[], readonly StoredToken[]>();

function created(tokens: readonly StoredToken[], body: unknown, answer: ExampleAnswer): ExampleAnswer {
  const permanent = isObject(body) && Object.hasOwn(body, "permanent") ? toBoolean(body.permanent) : false;
  if (permanent === undefined) return answer;
  const token = tokens.find((candidate) => (candidate.expires === null) === permanent);
  return token ? { status: answer.status, body: { ...token } } : answer;
}

function listed(tokens: readonly StoredToken[], query: Query, answer: ExampleAnswer): ExampleAnswer {
  const parsed = parseListQuery(query);
  if (!parsed.ok || !Array.isArray(answer.body)) return answer;
  const { permanent, limit, offset } = parsed.value;
  const page = [...tokens]
    .sort((a, b) => b.id - a.id)
    .filter((token) => permanent === undefined || (token.expires === null) === permanent)
    .slice(offset, offset + limit)
    .map((token) => ({ ...token }));
  return { status: answer.status, body: page };
}

function found(
  tokens: readonly StoredToken[],
  idOrKey: string | number | undefined,
  answer: ExampleAnswer,
): ExampleAnswer {
  const token = findToken(tokens, idOrKey);
  return token ? { status: answer.status, body: { ...token } } : answer;
}

function updated(
  tokens: readonly StoredToken[],
  request: FollowedRequest,
  answer: ExampleAnswer,
): ExampleAnswer {
  const fields = isObject(request.body) ? parseUpdateBody(formFields(request.body)) : undefined;
  const base = findToken(tokens, request.tokenIdOrKey) ?? (isToken(answer.body) ? answer.body : undefined);
  if (!base) return answer;
  const isActive = fields?.ok ? fields.value.is_active : base.is_active;
  return { status: answer.status, body: { ...base, is_active: isActive } };
}

/** A form field repeated is an array of its values; the last one counts, as Django reads it. */
function formFields(body: Record<string, unknown>): Record<string, unknown> {
  const value = Object.hasOwn(body, "is_active") ? body.is_active : undefined;
  return {
    is_active: Array.isArray(value) && value.every((item) => typeof item === "string") ? value.at(-1) : value,
  };
}

function findToken(
  tokens: readonly StoredToken[],
  idOrKey: string | number | undefined,
): StoredToken | undefined {
  if (idOrKey === undefined) return undefined;
  const value = String(idOrKey);
  const id = idOf(value);
  return (
    (id === undefined ? undefined : tokens.find((token) => token.id === id)) ??
    tokens.find((token) => token.key === value)
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isToken(value: unknown): value is StoredToken {
  return (
    isObject(value) &&
    typeof value.id === "number" &&
    typeof value.key === "string" &&
    typeof value.is_active === "boolean" &&
    typeof value.created === "string" &&
    (value.expires === null || typeof value.expires === "string")
  );
}
