/**
 * Sends one operation through openapi-fetch: each attempt cancelled when it times out or the caller aborts,
 * its body read within `maxResponseBytes`, idempotent methods retried with backoff and `Retry-After`, and
 * every failure mapped to a `NeuroioError`.
 * @module
 */
import createClient from "openapi-fetch";
import { type Clock, MAX_TIMER_MS, systemClock } from "./clock.js";
import {
  type CallInfo,
  describeCall,
  NeuroioAbortError,
  NeuroioConnectionError,
  type NeuroioError,
  NeuroioRequestError,
  NeuroioTimeoutError,
} from "./errors.js";
import type { paths } from "./generated/schema.js";
import type { ResolvedOptions } from "./options.js";
import { readText } from "./read.js";
import { apiError, type BodyKind, parseSuccess } from "./response.js";
import { backoffMs, isRetryableStatus, MAX_RETRY_AFTER_MS } from "./retry.js";
import { maskIdOrKey } from "./secrets.js";
import type { FetchLike, Method, RawClient, RequestOptions, TokenIdOrKey } from "./types.js";
import { assertRequestOptions } from "./validate.js";

/** The two paths of the API. */
export type SchemaPath = keyof paths;

/** The openapi-fetch init of one call; operations build it with `satisfies` against the generated types. */
export interface CallInit {
  params?: { path?: { token_id_or_key: TokenIdOrKey }; query?: Record<string, unknown> };
  body?: unknown;
}

/** What openapi-fetch's `request()` is, seen without the per-path generics. */
type LooseRequest = (
  method: Method,
  path: SchemaPath,
  init: CallInit & {
    headers: Record<string, string>;
    parseAs: "stream";
    signal: AbortSignal;
    fetch: FetchLike;
  },
) => Promise<unknown>;

/** The rejection reason of an attempt that ran out of time, recognised by identity. */
const TIMED_OUT: unique symbol = Symbol("timed out");

/** Sends calls for one client; holds the token (in private fields only), the retry policy and the clock. */
export class Transport {
  // `declare`d public fields are set once in the constructor: no class-field definitions in the bundle.
  /** The typed openapi-fetch client for callers: a middleware adds the current token to each request. */
  declare readonly raw: RawClient;
  /** How the client waits and schedules (a test hands in its own). */
  declare readonly clock: Clock;
  /** The API root, without a trailing slash. */
  declare readonly baseUrl: string;
  /** The client the operations use: the token goes in per request, the response is read here. */
  readonly #client: RawClient;
  readonly #options: ResolvedOptions;
  #token = "";
  /** Every token this client has held: any of them may be echoed by a response to a call in flight. */
  readonly #held = new Set<string>();

  /** @param options already resolved and checked by `resolveOptions()`. */
  constructor(options: ResolvedOptions, clock: Clock = systemClock) {
    this.#options = options;
    this.clock = clock;
    this.baseUrl = options.baseUrl;
    this.setToken(options.apiToken);
    const { baseUrl, headers, fetch } = options;
    this.#client = createClient<paths>({ baseUrl, headers });
    this.raw = createClient<paths>({ baseUrl, headers, fetch });
    this.raw.use({
      onRequest: ({ request }) => request.headers.set("Authorization", `Token ${this.#token}`),
    });
  }

  /** The token sent now. */
  get token(): string {
    return this.#token;
  }

  /** Sends `Authorization: Token <token>` from the next attempt on (already checked by the caller). */
  setToken(token: string): void {
    this.#token = token;
    this.#held.add(token);
  }

  /**
   * Checks the request options, sends one operation, retrying when the method and the failure allow it, and
   * returns the checked body.
   */
  async send(
    method: Method,
    path: SchemaPath,
    init: CallInit,
    kind: BodyKind,
    options?: RequestOptions,
  ): Promise<unknown> {
    assertRequestOptions(options);
    const signal = options?.signal;
    const timeoutMs = options?.timeoutMs ?? this.#options.timeoutMs;
    const key = init.params?.path?.token_id_or_key;
    // For errors only, so a successful call builds nothing: the method and the path with the key masked.
    const call = (): CallInfo => ({
      method,
      path: key === undefined ? path : path.replace(/{.*}/, maskIdOrKey(key)),
    });
    // For errors only: what to redact from text a server or a fetch implementation echoes back: every token
    // held so far (the one sent may have changed during a retry wait), and the key addressed, also as encoded
    // in the path (Deno's fetch errors quote the URL). A short key is not redacted: it would mangle the
    // message and reveals next to nothing.
    const secrets = (): string[] => {
      const list = [...this.#held];
      if (typeof key === "string" && key.length >= 8) list.push(key, encodeURIComponent(key));
      return list;
    };
    for (let retry = 0; ; retry++) {
      let failure: NeuroioError;
      let waitMs: number | undefined;
      try {
        if (signal?.aborted) throw signal.reason;
        const [response, text] = await this.#attempt(method, path, init, timeoutMs, signal);
        const { status } = response;
        // What is wrong with the body, if anything; for a 2xx, else the checked value.
        const body =
          text === undefined
            ? `is larger than maxResponseBytes (${this.#options.maxResponseBytes} bytes); it was not read`
            : response.ok && parseSuccess(kind, text);
        if (typeof body === "object") return body.value;
        if (body) {
          throw new NeuroioRequestError(describeCall(call(), `the response body ${body}`, status), call());
        }
        const error = apiError(call(), response, text as string, secrets());
        waitMs = error.retryAfterMs;
        if (!isRetryableStatus(status) || (waitMs ?? 0) > MAX_RETRY_AFTER_MS) throw error;
        failure = error;
      } catch (thrown) {
        if (thrown instanceof NeuroioRequestError) throw thrown;
        if (signal?.aborted) throw new NeuroioAbortError(call(), signal.reason);
        failure =
          thrown === TIMED_OUT
            ? new NeuroioTimeoutError(call(), timeoutMs)
            : new NeuroioConnectionError(call(), thrown, secrets());
      }
      if (method === "POST" || retry >= this.#options.maxRetries) throw failure;
      try {
        await this.clock.sleep(waitMs ?? backoffMs(retry, this.clock.random), signal);
      } catch (reason) {
        throw new NeuroioAbortError(call(), signal?.reason ?? reason);
      }
    }
  }

  /**
   * One attempt: the request and its body, bounded by `timeoutMs` and the caller's `signal`. The `Request`
   * follows a signal of this attempt, aborted on timeout and on the caller's abort, so a request that is given
   * up is cancelled (its socket closed), not left to hold the process open.
   * @returns the response and its body text (`undefined` when larger than `maxResponseBytes`).
   * @throws `TIMED_OUT`, the caller's abort reason, or what `fetch` or the body stream threw.
   */
  async #attempt(
    method: Method,
    path: SchemaPath,
    init: CallInit,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<[Response, string | undefined]> {
    const controller = new AbortController();
    // Rejects (and so ends the race below) when the attempt is given up, even if `fetch` or the body
    // ignores the signal; called directly rather than through an abort listener, which costs more.
    let stop: (reason: unknown) => void = () => {};
    const stopped = new Promise<never>((_, reject) => {
      stop = reject;
    });
    stopped.catch(() => {});
    const abort = (reason: unknown) => {
      stop(reason);
      controller.abort(reason);
    };
    const onAbort = () => abort(signal?.reason);
    const timer = setTimeout(abort, Math.min(timeoutMs, MAX_TIMER_MS), TIMED_OUT);
    signal?.addEventListener("abort", onAbort);
    const fetch = this.#options.fetch ?? globalThis.fetch;
    let response: Response | undefined;
    const read = async (): Promise<[Response, string | undefined]> => {
      await (this.#client.request as unknown as LooseRequest)(method, path, {
        ...init,
        headers: { Authorization: `Token ${this.#token}` },
        // Nothing is read by openapi-fetch: the body is read below, within the limit.
        parseAs: "stream",
        signal: controller.signal,
        fetch: async (request) => {
          response = await fetch(request);
          // openapi-fetch reads an error body whole: it gets one without a body instead.
          return response.ok ? response : new Response(null, response);
        },
      });
      const answer = response as Response;
      return [answer, await readText(answer, this.#options.maxResponseBytes)];
    };
    try {
      const result = await Promise.race([read(), stopped]);
      // Too large: the body is cancelled; aborting closes the connection (it is not reusable).
      if (result[1] === undefined) controller.abort();
      return result;
    } catch (error) {
      // A failed body read (a reset) or a give-up: cancel whatever is still running.
      controller.abort(error);
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }
}
