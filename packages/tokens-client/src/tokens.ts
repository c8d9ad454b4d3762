/**
 * `client.tokens`: the operations of the tokens API, each checking its input before any request.
 * @module
 */
import type { FetchOptions } from "openapi-fetch";
import { NeuroioError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { rotate } from "./rotate.js";
import type { Transport } from "./transport.js";
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
} from "./validate.js";

/** The collection and the item path of the API. */
const COLLECTION = "/v1/tokens/";
const ITEM = "/v1/tokens/{token_id_or_key}/";

/** `listAll()` asks for the API's own default page size, which every server honours. */
const DEFAULT_PAGE_SIZE = 20;

/** The operations on tokens; reach it as `client.tokens`. */
export class TokensResource {
  readonly #transport: Transport;

  /** Built by `createTokensClient()`. */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** Creates a token (`POST /v1/tokens/`); temporary unless `permanent: true`. Never retried. */
  async create(params?: CreateTokenParams, options?: RequestOptions): Promise<Token> {
    assertObject(params, "params");
    assertBoolean(params?.permanent, "params.permanent");
    assertRequestOptions(options);
    const init = { body: { permanent: params?.permanent ?? false }, parseAs: "text" } satisfies FetchOptions<
      paths[typeof COLLECTION]["post"]
    >;
    return (await this.#transport.send(
      "POST",
      COLLECTION,
      init,
      "token",
      options?.signal,
      options?.timeoutMs,
    )) as Token;
  }

  /** Returns one page of tokens (`GET /v1/tokens/?permanent=&limit=&offset=`), newest first. */
  async list(params?: ListTokensParams, options?: RequestOptions): Promise<Token[]> {
    assertObject(params, "params");
    assertBoolean(params?.permanent, "params.permanent");
    assertInteger(params?.limit, "params.limit", 1);
    assertInteger(params?.offset, "params.offset", 0);
    assertRequestOptions(options);
    const init = {
      params: { query: { permanent: params?.permanent, limit: params?.limit, offset: params?.offset } },
      parseAs: "text",
    } satisfies FetchOptions<paths[typeof COLLECTION]["get"]>;
    return (await this.#transport.send(
      "GET",
      COLLECTION,
      init,
      "tokens",
      options?.signal,
      options?.timeoutMs,
    )) as Token[];
  }

  /**
   * Every token, page after page (`limit` = `pageSize`, growing `offset`) until a short page. Lazy: nothing is
   * sent before the first `next()`, and leaving the loop early sends nothing more. A token seen on an earlier
   * page (the list shifted while paging) is not yielded twice. Bad arguments throw at once.
   */
  listAll(params?: ListAllTokensParams, options?: RequestOptions): AsyncIterableIterator<Token> {
    assertObject(params, "params");
    assertBoolean(params?.permanent, "params.permanent");
    assertInteger(params?.pageSize, "params.pageSize", 1);
    assertRequestOptions(options);
    return this.#pages(params?.permanent, params?.pageSize ?? DEFAULT_PAGE_SIZE, options);
  }

  async *#pages(
    permanent: boolean | undefined,
    limit: number,
    options: RequestOptions | undefined,
  ): AsyncIterableIterator<Token> {
    const seen = new Set<number>();
    for (let offset = 0; ; ) {
      const page = await this.list({ permanent, limit, offset }, options);
      let fresh = 0;
      for (const token of page) {
        if (seen.has(token.id)) continue;
        seen.add(token.id);
        fresh++;
        yield token;
      }
      if (page.length < limit) return;
      if (fresh === 0) {
        // Only a server that ignores `offset` sends a full page of tokens already seen: stop, do not loop.
        throw new NeuroioError(`GET ${COLLECTION}: offset ${offset} returned only tokens already listed`);
      }
      offset += page.length;
    }
  }

  /** Returns one token by id or key (`GET /v1/tokens/{id_or_key}/`). */
  async get(idOrKey: TokenIdOrKey, options?: RequestOptions): Promise<Token> {
    assertIdOrKey(idOrKey);
    assertRequestOptions(options);
    const init = {
      params: { path: { token_id_or_key: idOrKey } },
      parseAs: "text",
    } satisfies FetchOptions<paths[typeof ITEM]["get"]>;
    return (await this.#transport.send(
      "GET",
      ITEM,
      init,
      "token",
      options?.signal,
      options?.timeoutMs,
    )) as Token;
  }

  /** Activates or deactivates a token (`PATCH /v1/tokens/{id_or_key}/` with JSON `{ "is_active": bool }`). */
  async update(idOrKey: TokenIdOrKey, params: UpdateTokenParams, options?: RequestOptions): Promise<Token> {
    assertIdOrKey(idOrKey);
    assertObject(params, "params", false);
    assertBoolean(params.is_active, "params.is_active", false);
    assertRequestOptions(options);
    const init = {
      params: { path: { token_id_or_key: idOrKey } },
      body: { is_active: params.is_active },
      parseAs: "text",
    } satisfies FetchOptions<paths[typeof ITEM]["patch"]>;
    return (await this.#transport.send(
      "PATCH",
      ITEM,
      init,
      "token",
      options?.signal,
      options?.timeoutMs,
    )) as Token;
  }

  /** Deletes one token (`DELETE /v1/tokens/{id_or_key}/`). Deleting the client's own token ends its access. */
  async delete(idOrKey: TokenIdOrKey, options?: RequestOptions): Promise<void> {
    assertIdOrKey(idOrKey);
    assertRequestOptions(options);
    const init = {
      params: { path: { token_id_or_key: idOrKey } },
      parseAs: "text",
    } satisfies FetchOptions<paths[typeof ITEM]["delete"]>;
    await this.#transport.send("DELETE", ITEM, init, "empty", options?.signal, options?.timeoutMs);
  }

  /**
   * Deletes many tokens (`DELETE /v1/tokens/?permanent=`): `{ permanent: false }` the temporary ones,
   * `{ permanent: true }` the permanent ones, `{ all: true }` every token, the client's own included.
   * The argument is required: deleting everything must be asked for by name.
   */
  async deleteList(params: DeleteTokensParams, options?: RequestOptions): Promise<void> {
    const permanent = readDeleteFilter(params);
    assertRequestOptions(options);
    const init = {
      params: { query: { permanent } },
      parseAs: "text",
    } satisfies FetchOptions<paths[typeof COLLECTION]["delete"]>;
    await this.#transport.send("DELETE", COLLECTION, init, "empty", options?.signal, options?.timeoutMs);
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

/** The `permanent` query value of `deleteList()`: `undefined` for `{ all: true }`. */
function readDeleteFilter(params: unknown): boolean | undefined {
  if (params === undefined) {
    throw new NeuroioError(
      "deleteList needs { permanent: true | false }, or { all: true } to delete every token " +
        "(the client's own included)",
    );
  }
  assertObject(params, "params", false);
  const { all, permanent } = params as { all?: unknown; permanent?: unknown };
  if (all !== undefined) {
    if (all !== true) throw new NeuroioError("params.all must be true when given");
    if (permanent !== undefined) throw new NeuroioError("params.all and params.permanent exclude each other");
    return undefined;
  }
  assertBoolean(permanent, "params.permanent", false);
  return permanent as boolean;
}
