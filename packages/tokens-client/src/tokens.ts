/**
 * `client.tokens`: the operations of the tokens API, each checking its input before any request.
 * @module
 */
import type { FetchOptions } from "openapi-fetch";
import { NeuroioError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import type { BodyKind } from "./response.js";
import { rotate } from "./rotate.js";
import type { CallInit, Method, SchemaPath, Transport } from "./transport.js";
import type {
  CreateTokenParams,
  DeleteTokensParams,
  ListAllTokensParams,
  ListTokensParams,
  RequestOptions,
  RotateOptions,
  Token,
  TokenIdOrKey,
  UpdateTokenParams,
} from "./types.js";
import {
  assertBoolean,
  assertIdOrKey,
  assertInteger,
  assertObject,
  assertRequestOptions,
  fail,
} from "./validate.js";

/** The collection and the item path of the API. */
const COLLECTION = "/v1/tokens/";
const ITEM = "/v1/tokens/{token_id_or_key}/";

/** The openapi-fetch init of an operation, checked against the generated types. */
type Init<P extends SchemaPath, M extends "get" | "post" | "patch" | "delete"> = FetchOptions<paths[P][M]>;

/** The path parameter of the item operations. */
const item = (idOrKey: TokenIdOrKey) => ({ path: { token_id_or_key: idOrKey } });

/** Checks the optional `params` object and its `permanent` filter, which create, list and listAll share. */
function assertFilter(params: { permanent?: boolean } | undefined): void {
  assertObject(params, "params");
  assertBoolean(params?.permanent, "params.permanent");
}

/** The operations on tokens; reach it as `client.tokens`. */
export class TokensResource {
  readonly #transport: Transport;

  /** Built by `createTokensClient()`. */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** Checks the request options, then sends through the transport: the tail every operation shares. */
  #send<T>(
    method: Method,
    path: SchemaPath,
    init: CallInit,
    kind: BodyKind,
    options?: RequestOptions,
  ): Promise<T> {
    assertRequestOptions(options);
    return this.#transport.send(method, path, init, kind, options?.signal, options?.timeoutMs) as Promise<T>;
  }

  /** Creates a token (`POST /v1/tokens/`); temporary unless `permanent: true`. Never retried. */
  async create(params?: CreateTokenParams, options?: RequestOptions): Promise<Token> {
    assertFilter(params);
    const init = { body: { permanent: params?.permanent ?? false } } satisfies Init<
      typeof COLLECTION,
      "post"
    >;
    return await this.#send<Token>("POST", COLLECTION, init, "token", options);
  }

  /** Returns one page of tokens (`GET /v1/tokens/?permanent=&limit=&offset=`), newest first. */
  async list(params?: ListTokensParams, options?: RequestOptions): Promise<Token[]> {
    assertFilter(params);
    assertInteger(params?.limit, "params.limit", 1);
    assertInteger(params?.offset, "params.offset", 0);
    const init = {
      params: { query: { permanent: params?.permanent, limit: params?.limit, offset: params?.offset } },
    } satisfies Init<typeof COLLECTION, "get">;
    return await this.#send<Token[]>("GET", COLLECTION, init, "tokens", options);
  }

  /**
   * Every token, page after page (`limit` = `pageSize`, growing `offset`) until a short page. Lazy: nothing is
   * sent before the first `next()`, and leaving the loop early sends nothing more. A token seen on an earlier
   * page (the list shifted while paging) is not yielded twice. Bad arguments throw at once.
   */
  listAll(params?: ListAllTokensParams, options?: RequestOptions): AsyncIterableIterator<Token> {
    assertFilter(params);
    assertInteger(params?.pageSize, "params.pageSize", 1);
    assertRequestOptions(options);
    // The API's own default page size, which every server honours.
    return this.#pages(params?.permanent, params?.pageSize ?? 20, options);
  }

  async *#pages(
    permanent: boolean | undefined,
    limit: number,
    options: RequestOptions | undefined,
  ): AsyncIterableIterator<Token> {
    const seen = new Set<number>();
    for (let offset = 0; ; ) {
      const page = await this.list({ permanent, limit, offset }, options);
      const before = seen.size;
      for (const token of page) {
        if (seen.has(token.id)) continue;
        seen.add(token.id);
        yield token;
      }
      if (page.length < limit) return;
      // Only a server that ignores `offset` sends a full page of tokens already seen: stop, do not loop.
      if (seen.size === before) {
        throw new NeuroioError(`GET ${COLLECTION}: offset ${offset} returned only tokens already listed`);
      }
      offset += page.length;
    }
  }

  /** Returns one token by id or key (`GET /v1/tokens/{id_or_key}/`). */
  async get(idOrKey: TokenIdOrKey, options?: RequestOptions): Promise<Token> {
    assertIdOrKey(idOrKey);
    const init = { params: item(idOrKey) } satisfies Init<typeof ITEM, "get">;
    return await this.#send<Token>("GET", ITEM, init, "token", options);
  }

  /** Activates or deactivates a token (`PATCH /v1/tokens/{id_or_key}/` with JSON `{ "is_active": bool }`). */
  async update(idOrKey: TokenIdOrKey, params: UpdateTokenParams, options?: RequestOptions): Promise<Token> {
    assertIdOrKey(idOrKey);
    assertObject(params, "params", false);
    assertBoolean(params.is_active, "params.is_active", false);
    const init = { params: item(idOrKey), body: { is_active: params.is_active } } satisfies Init<
      typeof ITEM,
      "patch"
    >;
    return await this.#send<Token>("PATCH", ITEM, init, "token", options);
  }

  /** Deletes one token (`DELETE /v1/tokens/{id_or_key}/`). Deleting the client's own token ends its access. */
  async delete(idOrKey: TokenIdOrKey, options?: RequestOptions): Promise<void> {
    assertIdOrKey(idOrKey);
    const init = { params: item(idOrKey) } satisfies Init<typeof ITEM, "delete">;
    return await this.#send("DELETE", ITEM, init, "empty", options);
  }

  /**
   * Deletes many tokens (`DELETE /v1/tokens/?permanent=`): `{ permanent: false }` the temporary ones,
   * `{ permanent: true }` the permanent ones, `{ all: true }` every token, the client's own included.
   * The argument is required: deleting everything must be asked for by name.
   */
  async deleteList(params: DeleteTokensParams, options?: RequestOptions): Promise<void> {
    if (params === undefined) {
      fail(
        "deleteList",
        "needs { permanent: true | false }, or { all: true } to delete every token (the client's own included)",
      );
    }
    assertObject(params, "params", false);
    const { all, permanent } = params as { all?: unknown; permanent?: unknown };
    if (all === undefined) assertBoolean(permanent, "params.permanent", false);
    else if (all !== true) fail("params.all", "must be true when given");
    else if (permanent !== undefined) fail("params.all and params.permanent", "exclude each other");
    const init = { params: { query: { permanent: permanent as boolean | undefined } } } satisfies Init<
      typeof COLLECTION,
      "delete"
    >;
    return await this.#send("DELETE", COLLECTION, init, "empty", options);
  }

  /**
   * Creates a new token with the current one, switches the client to it, then retires the old key
   * (`retire: "deactivate"`, the default, or `"delete"`). If retiring fails the client keeps the new key and
   * the error carries it as `error.newToken`. Returns the new token.
   */
  async rotate(options?: RotateOptions, requestOptions?: RequestOptions): Promise<Token> {
    return rotate(this, this.#transport, options, requestOptions);
  }
}
