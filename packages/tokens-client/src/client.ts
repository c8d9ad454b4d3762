/**
 * `createTokensClient()` and the `TokensClient` it returns.
 * @module
 */
import { resolveOptions } from "./options.js";
import { MASK } from "./secrets.js";
import { TokensResource } from "./tokens.js";
import { Transport } from "./transport.js";
import type { RawClient, TokensClientOptions } from "./types.js";
import { assertApiToken } from "./validate.js";

/** A client of the NeuroIO tokens API. The token it holds is never shown by `util.inspect` or `JSON.stringify`. */
export class TokensClient {
  // `declare`d public fields are set once in the constructor: no class-field definitions in the bundle.
  /** The token operations: create, list, listAll, get, update, delete, deleteList, rotate, keepFresh. */
  declare readonly tokens: TokensResource;
  /** The typed openapi-fetch client underneath (same base URL, token, headers and fetch; no retries). */
  declare readonly raw: RawClient;
  /** The API root the client talks to, without a trailing slash. */
  declare readonly baseUrl: string;
  readonly #transport: Transport;

  /** What `util.inspect(client)` shows: the base URL, the token masked. */
  // Node finds this method by its registered symbol, so no `node:util` import is needed.
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `TokensClient { baseUrl: ${JSON.stringify(this.baseUrl)}, apiToken: "${MASK}" }`;
  }

  /**
   * Use `createTokensClient()`.
   * @internal
   */
  constructor(transport: Transport) {
    this.#transport = transport;
    this.baseUrl = transport.baseUrl;
    this.raw = transport.raw;
    this.tokens = new TokensResource(transport);
  }

  /** Sends `key` from the next request on (for callers who rotate tokens themselves). */
  setApiToken(key: string): void {
    assertApiToken(key);
    this.#transport.setToken(key);
  }

  /** What `JSON.stringify(client)` shows: the base URL, the token masked. */
  toJSON(): { baseUrl: string; apiToken: string } {
    return { baseUrl: this.baseUrl, apiToken: MASK };
  }
}

/**
 * Creates a client. Throws `NeuroioError` before any request when an option is wrong: no token (after the
 * `NEUROIO_API_TOKEN` fallback), a token with whitespace or control characters, a `baseUrl` that is not
 * absolute http(s), or plain `http:` to a remote host without `allowInsecureHttp`.
 */
export function createTokensClient(options?: TokensClientOptions): TokensClient {
  return new TokensClient(new Transport(resolveOptions(options)));
}
