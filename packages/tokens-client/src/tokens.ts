/**
 * `client.tokens`: the operations of the tokens API, each checking its input before any request.
 * @module
 */
import type { FetchOptions } from "openapi-fetch";
import { NeuroioError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { startKeeper } from "./keeper.js";
import { safeCause } from "./secrets.js";
import type { SchemaPath, Transport } from "./transport.js";
import type {
  CreateTokenParams,
  DeleteTokensParams,
  KeepFreshOptions,
  ListAllTokensParams,
  ListTokensParams,
  RequestOptions,
  RetireMode,
  RotateOptions,
  SaveToken,
  Token,
  TokenIdOrKey,
  TokenKeeper,
  UpdateTokenParams,
} from "./types.js";
import {
  assertApiToken,
  assertBoolean,
  assertFunction,
  assertIdOrKey,
  assertInteger,
  assertObject,
  assertRequestOptions,
  assertRetireMode,
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

  /** Creates a token (`POST /v1/tokens/`); temporary unless `permanent: true`. Never retried. */
  async create(params?: CreateTokenParams, options?: RequestOptions): Promise<Token> {
    assertFilter(params);
    const init = { body: { permanent: params?.permanent ?? false } } satisfies Init<
      typeof COLLECTION,
      "post"
    >;
    return (await this.#transport.send("POST", COLLECTION, init, "token", options)) as Token;
  }

  /** Returns one page of tokens (`GET /v1/tokens/?permanent=&limit=&offset=`), newest first. */
  async list(params?: ListTokensParams, options?: RequestOptions): Promise<Token[]> {
    assertFilter(params);
    assertInteger(params?.limit, "params.limit", 1);
    assertInteger(params?.offset, "params.offset", 0);
    const init = {
      params: { query: { permanent: params?.permanent, limit: params?.limit, offset: params?.offset } },
    } satisfies Init<typeof COLLECTION, "get">;
    return (await this.#transport.send("GET", COLLECTION, init, "tokens", options)) as Token[];
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
    return (await this.#transport.send("GET", ITEM, init, "token", options)) as Token;
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
    return (await this.#transport.send("PATCH", ITEM, init, "token", options)) as Token;
  }

  /** Deletes one token (`DELETE /v1/tokens/{id_or_key}/`). Deleting the client's own token ends its access. */
  async delete(idOrKey: TokenIdOrKey, options?: RequestOptions): Promise<void> {
    assertIdOrKey(idOrKey);
    const init = { params: item(idOrKey) } satisfies Init<typeof ITEM, "delete">;
    await this.#transport.send("DELETE", ITEM, init, "empty", options);
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
    await this.#transport.send("DELETE", COLLECTION, init, "empty", options);
  }

  /**
   * Creates a new token with the current one, hands it to `save` (when given), switches the client to it, then
   * retires the old key (`retire: "deactivate"`, the default, `"delete"`, or `"none"`). If `save` fails nothing
   * is switched and the new token is deleted. If retiring fails the client keeps the new key and the error
   * carries it as `error.newToken`. Returns the new token.
   */
  async rotate(options?: RotateOptions, requestOptions?: RequestOptions): Promise<Token> {
    assertObject(options, "options");
    const { permanent = false, retire = "deactivate", save } = options ?? {};
    assertBoolean(permanent, "options.permanent");
    assertRetireMode(retire, "options.retire");
    assertFunction(save, "options.save", true);
    assertRequestOptions(requestOptions);
    return this.#rotate(permanent, retire, save, requestOptions);
  }

  /**
   * Keeps the client on temporary tokens: every `everyMs` (default 12 hours) a round creates a new temporary
   * token, `save`s it, switches to it and retires the old key as `retire` says (default `"none"`: it expires
   * on its own). A failed round goes to `onError` and is retried with backoff; a refused key (401) stops the
   * keeper. The timer does not keep a Node process alive. Stop it with `stop()` or `signal`.
   */
  keepFresh(options: KeepFreshOptions): TokenKeeper {
    assertObject(options, "options", false);
    const { save, everyMs = 12 * 3_600_000, retire = "none", onError, signal } = options;
    assertFunction(save, "options.save");
    assertInteger(everyMs, "options.everyMs", 1000);
    assertRetireMode(retire, "options.retire");
    assertFunction(onError, "options.onError", true);
    assertRequestOptions({ signal });
    const round = () => this.#rotate(false, retire, save, undefined);
    return startKeeper(round, { save, everyMs, onError, signal }, this.#transport.clock);
  }

  /**
   * One rotation, the same for `rotate()` and the keeper: create → save → switch → retire. At every step at
   * least one working key is saved or in use: `save` runs before the switch, retiring after it.
   */
  async #rotate(
    permanent: boolean,
    retire: RetireMode,
    save: SaveToken | undefined,
    options: RequestOptions | undefined,
  ): Promise<Token> {
    const transport = this.#transport;
    const oldKey = transport.token;
    const created = await this.create({ permanent }, options);
    // Switching to the current key and then retiring "the old one" would lock the client out.
    if (created.key === oldKey) {
      throw new NeuroioError(
        "rotate: the server returned the current key as the new token; nothing was changed",
      );
    }
    // Non-enumerable, so that logging the error does not leak the new key.
    const withNewToken = (error: NeuroioError) =>
      Object.defineProperty(error, "newToken", { value: created, configurable: true });
    try {
      // Unusable as a header value: the old key stays, but the created token is handed back all the same.
      assertApiToken(created.key, "the new token's key");
    } catch (error) {
      throw withNewToken(error as NeuroioError);
    }
    if (save) {
      try {
        await save(created);
      } catch (error) {
        // Nothing was switched: remove the token nobody will know about (it expires anyway when temporary).
        const deleted = await this.delete(created.id, options).then(
          () => "was deleted",
          () => "could not be deleted",
        );
        const { text, cause } = safeCause(error, [created.key, oldKey]);
        throw new NeuroioError(
          `rotate: save(token) failed${text && `: ${text}`}; the client keeps its key, the new token ${deleted}`,
          { cause },
        );
      }
    }
    transport.setToken(created.key);
    try {
      if (retire === "delete") await this.delete(oldKey, options);
      else if (retire === "deactivate") await this.update(oldKey, { is_active: false }, options);
    } catch (error) {
      // Every failure of the transport is a NeuroioError.
      throw withNewToken(error as NeuroioError);
    }
    return created;
  }
}
