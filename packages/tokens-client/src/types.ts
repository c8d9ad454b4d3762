/**
 * Public types of the client. Every request and response shape derives from the generated `paths`,
 * `components` and `operations`, so the spec stays the single source of truth.
 * @module
 */
import type { Client } from "openapi-fetch";
import type { components, operations, paths } from "./generated/schema.js";

/** A token as the API returns it: `id`, `key` (the secret), `is_active`, `created`, `expires` (`null` if permanent). */
export type Token = components["schemas"]["Token"];

/** A token's integer `id` (a positive safe integer) or its `key` (a non-empty string other than `.`/`..`). */
export type TokenIdOrKey = paths["/v1/tokens/{token_id_or_key}/"]["parameters"]["path"]["token_id_or_key"];

/**
 * Arguments of `tokens.create()`: `permanent` (default `false`: a temporary token that lives 24 hours).
 * Partial because the generated type makes a field with a default required.
 */
export type CreateTokenParams = Partial<
  NonNullable<operations["createToken"]["requestBody"]>["content"]["application/json"]
>;

/** Arguments of `tokens.list()`: the `permanent` filter (omitted: both kinds), `limit` (>= 1) and `offset` (>= 0). */
export type ListTokensParams = NonNullable<operations["listTokens"]["parameters"]["query"]>;

/** Arguments of `tokens.listAll()`: the `permanent` filter and `pageSize` (tokens per request, default 20). */
export type ListAllTokensParams = Pick<ListTokensParams, "permanent"> & {
  /** How many tokens to ask for per request (`limit`); a positive integer, default 20 (the API's default). */
  pageSize?: number;
};

/** Arguments of `tokens.update()`: `is_active` (`false` deactivates the token, `true` activates it again). */
export type UpdateTokenParams = NonNullable<
  operations["updateToken"]["requestBody"]
>["content"]["application/json"];

/** The `permanent` filter of the bulk delete, required here so that "delete everything" is never implied. */
type DeleteFilter = Required<NonNullable<operations["deleteTokens"]["parameters"]["query"]>>;

/**
 * Arguments of `tokens.deleteList()`: `{ permanent: false }` deletes temporary tokens, `{ permanent: true }`
 * permanent ones, `{ all: true }` every token, the one the client uses included.
 */
export type DeleteTokensParams = (DeleteFilter & { all?: never }) | { all: true; permanent?: never };

/** The HTTP methods the tokens API uses. */
export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/**
 * What happens to the old key once the client uses the new one: `"none"` (it expires on its own, a temporary
 * token after 24 hours), `"deactivate"` (`PATCH is_active=false`) or `"delete"`.
 */
export type RetireMode = "none" | "deactivate" | "delete";

/**
 * Persists a new token (to a file, a secret store...). It runs after the token is created and before the client
 * switches to it or anything is retired; when it throws, nothing is switched and the new token is deleted.
 */
export type SaveToken = (token: Token) => unknown;

/** Arguments of `tokens.rotate()`. */
export interface RotateOptions {
  /** Create a permanent token instead of a temporary one (default `false`: rotate temporary tokens). */
  permanent?: boolean;
  /** What to do with the old key once the client uses the new one (default `"deactivate"`). */
  retire?: RetireMode;
  /** Persists the new token before the client switches to it (may be async). */
  save?: SaveToken;
}

/** Arguments of `tokens.keepFresh()`. */
export interface KeepFreshOptions {
  /** Persists each new temporary token before the client switches to it (required; may be async). */
  save: SaveToken;
  /** Milliseconds between two rotations, a whole number: default 12 hours (half a temporary token's life), at least 1 000. */
  everyMs?: number;
  /** What happens to the old key (default `"none"`: it expires on its own). */
  retire?: RetireMode;
  /** Called with the typed error of each failed round; the keeper retries with backoff within the interval. */
  onError?: (error: unknown) => void;
  /** Stops the keeper when it aborts. */
  signal?: AbortSignal;
}

/** A running `keepFresh()`. */
export interface TokenKeeper {
  /** Stops scheduling rounds (a round in progress finishes). */
  stop(): void;
  /**
   * Runs one round at once (or joins the one in progress) and resolves with the new token; rejects with the
   * round's error (also given to `onError`), or at once once the keeper is stopped.
   */
  rotateNow(): Promise<Token>;
}

/** The last, optional argument of every operation. */
export interface RequestOptions {
  /** Aborts the call at once (no retry): the call rejects with `NeuroioAbortError`. */
  signal?: AbortSignal;
  /** Bounds each attempt, in milliseconds; overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
}

/** A `fetch`-compatible function; the client calls it with one `Request`. */
export type FetchLike = (input: Request) => Promise<Response>;

/** Options of `createTokensClient()`. */
export interface TokensClientOptions {
  /** The token key to send as `Authorization: Token <key>`; default: env `NEUROIO_API_TOKEN` (where it exists). */
  apiToken?: string;
  /** The API root; default: env `NEUROIO_BASE_URL`, then `https://iam.neuroio.com`. */
  baseUrl?: string;
  /** Milliseconds each attempt may take, body included (default 10 000). */
  timeoutMs?: number;
  /** How many times GET/PATCH/PUT/DELETE are retried after a transient failure (default 2). POST never is. */
  maxRetries?: number;
  /** The `fetch` to use (default `globalThis.fetch`). */
  fetch?: FetchLike;
  /** Extra headers sent with every request (`Authorization` is always the client's own). */
  headers?: Record<string, string>;
  /** The most bytes a response body may have once decoded (default 8 MiB); a larger one is a `NeuroioError`. */
  maxResponseBytes?: number;
  /** Allow a plain `http:` `baseUrl` to a host other than localhost (the token then travels in clear text). */
  allowInsecureHttp?: boolean;
}

/** The typed openapi-fetch client the `TokensClient` is built on (same base URL, token and fetch). */
export type RawClient = Client<paths>;
