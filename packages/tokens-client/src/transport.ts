/**
 * Sends one operation through openapi-fetch: per-attempt timeout joined with the caller's signal, retries of
 * idempotent methods with backoff and `Retry-After`, and every failure mapped to a `NeuroioError`.
 * @module
 */
import createClient from "openapi-fetch";
import { createApiError } from "./api-error.js";
import { TIMED_OUT, withDeadline } from "./deadline.js";
import {
  type CallInfo,
  NeuroioAbortError,
  NeuroioConnectionError,
  NeuroioError,
  NeuroioTimeoutError,
} from "./errors.js";
import type { paths } from "./generated/schema.js";
import type { ResolvedOptions } from "./options.js";
import { type BodyKind, InvalidBody, readBody } from "./response.js";
import { backoffMs, isRetryableStatus, MAX_RETRY_AFTER_MS, sleep } from "./retry.js";
import { maskIdOrKey } from "./secrets.js";
import type { RawClient, TokenIdOrKey } from "./types.js";

/** The HTTP methods the tokens API uses. */
export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** The two paths of the API. */
export type SchemaPath = keyof paths;

/** The openapi-fetch init of one call; operations build it with `satisfies` against the generated types. */
export interface CallInit {
  params?: { path?: { token_id_or_key: TokenIdOrKey }; query?: Record<string, unknown> };
  body?: unknown;
  parseAs: "text";
  signal?: AbortSignal;
}

/** Test seams: how to wait between attempts and where the jitter comes from. */
export interface TransportHooks {
  /** Waits `ms`, rejecting when `signal` aborts (default: a timer). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Numbers in [0, 1) for the backoff jitter (default `Math.random`). */
  random?: () => number;
}

/** What openapi-fetch's `request()` is, seen without the per-path generics. */
type LooseRequest = (
  method: Method,
  path: SchemaPath,
  init: CallInit,
) => Promise<{ data?: string; error?: unknown; response: Response }>;

/** Sends calls for one client; holds the token (in private fields only) and the retry policy. */
export class Transport {
  /** The typed openapi-fetch client; its default headers carry the current token. */
  readonly raw: RawClient;
  readonly #request: LooseRequest;
  readonly #headers: Headers;
  #token: string;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #random: () => number;

  /** @param options already resolved and checked by `resolveOptions()`. */
  constructor(options: ResolvedOptions, hooks: TransportHooks = {}) {
    this.#headers = options.headers;
    this.#token = options.apiToken;
    this.#headers.set("Authorization", `Token ${options.apiToken}`);
    this.#timeoutMs = options.timeoutMs;
    this.#maxRetries = options.maxRetries;
    this.#sleep = hooks.sleep ?? sleep;
    this.#random = hooks.random ?? Math.random;
    // openapi-fetch merges this Headers object into every request, so switching the token is one `set()`.
    this.raw = createClient<paths>({
      baseUrl: options.baseUrl,
      headers: this.#headers,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    const raw = this.raw as unknown as { request: LooseRequest };
    this.#request = raw.request.bind(raw);
  }

  /** The token sent now (checked by the caller). */
  get token(): string {
    return this.#token;
  }

  /** Sends `Authorization: Token <token>` from now on (already checked by the caller). */
  setToken(token: string): void {
    this.#headers.set("Authorization", `Token ${token}`);
    this.#token = token;
  }

  /**
   * Sends one operation, retrying when the method and the failure allow it, and returns the checked body.
   * @param init sent by every attempt; with a caller's `signal`, each attempt sets its own `init.signal`.
   */
  async send(
    method: Method,
    path: SchemaPath,
    init: CallInit,
    kind: BodyKind,
    signal: AbortSignal | undefined,
    timeoutMs: number = this.#timeoutMs,
  ): Promise<unknown> {
    const secret = this.#token;
    for (let retry = 0; ; retry++) {
      if (signal?.aborted) throw new NeuroioAbortError(callInfo(method, path, init), signal.reason);
      // With a caller's signal the Request pays for following a signal anyway, so it follows one of ours
      // that is aborted on timeout too: the abandoned request is then cancelled, not just left behind.
      const attempt = signal ? new AbortController() : undefined;
      if (attempt) init.signal = attempt.signal;
      let result: Awaited<ReturnType<LooseRequest>> | undefined;
      let thrown: unknown;
      try {
        result = await withDeadline(this.#request(method, path, init), timeoutMs, signal);
      } catch (error) {
        thrown = error;
        attempt?.abort(error === TIMED_OUT ? new Error("timed out") : error);
      }

      let failure: NeuroioError;
      let waitMs: number | undefined;
      if (result === undefined) {
        const call = callInfo(method, path, init);
        if (signal?.aborted) throw new NeuroioAbortError(call, signal.reason);
        failure =
          thrown === TIMED_OUT
            ? new NeuroioTimeoutError(call, timeoutMs)
            : new NeuroioConnectionError(call, thrown);
      } else if (result.response.ok) {
        try {
          return readBody(kind, result.data);
        } catch (error) {
          throw invalidBody(error, result.response.status, callInfo(method, path, init));
        }
      } else {
        const key = init.params?.path?.token_id_or_key;
        // A short key is not redacted: it would mangle the message and reveals next to nothing.
        const secrets = typeof key === "string" && key.length >= 8 ? [secret, key] : [secret];
        const error = createApiError(callInfo(method, path, init), result.response, result.error, secrets);
        if (!isRetryableStatus(error.status)) throw error;
        waitMs = error.retryAfterMs;
        if (waitMs !== undefined && waitMs > MAX_RETRY_AFTER_MS) throw error;
        failure = error;
      }
      if (method === "POST" || retry >= this.#maxRetries) throw failure;
      try {
        await this.#sleep(waitMs ?? backoffMs(retry, this.#random), signal);
      } catch (reason) {
        throw new NeuroioAbortError(callInfo(method, path, init), signal?.reason ?? reason);
      }
    }
  }
}

/** The method and path for an error, the key masked; built only when something failed. */
function callInfo(method: Method, path: SchemaPath, init: CallInit): CallInfo {
  const idOrKey = init.params?.path?.token_id_or_key;
  return {
    method,
    path: idOrKey === undefined ? path : path.replace("{token_id_or_key}", maskIdOrKey(idOrKey)),
  };
}

/** The `NeuroioError` for a 2xx body that is not what the spec promises (never a bare `SyntaxError`). */
function invalidBody(error: unknown, status: number, call: CallInfo): unknown {
  if (!(error instanceof InvalidBody)) return error;
  return new NeuroioError(`${status} ${call.method} ${call.path}: the response body ${error.reason}`);
}
