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
import { type BodyKind, readBody } from "./response.js";
import { backoffMs, isRetryableStatus, MAX_RETRY_AFTER_MS, sleep } from "./retry.js";
import { maskIdOrKey } from "./secrets.js";
import type { RawClient, TokenIdOrKey } from "./types.js";

/** The HTTP methods the tokens API uses. */
export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** The two paths of the API. */
export type SchemaPath = keyof paths;

/**
 * The openapi-fetch init of one call; operations build it with `satisfies` against the generated types.
 * The transport sets `parseAs` (always text: the body is checked by `readBody()`) and `signal`.
 */
export interface CallInit {
  params?: { path?: { token_id_or_key: TokenIdOrKey }; query?: Record<string, unknown> };
  body?: unknown;
  parseAs?: "text";
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
  readonly #options: ResolvedOptions;
  readonly #hooks: TransportHooks;
  #token = "";

  /** @param options already resolved and checked by `resolveOptions()`. */
  constructor(options: ResolvedOptions, hooks: TransportHooks = {}) {
    this.#options = options;
    this.#hooks = hooks;
    this.setToken(options.apiToken);
    // openapi-fetch merges this Headers object into every request, so switching the token is one `set()`.
    const { baseUrl, headers, fetch } = options;
    this.raw = createClient<paths>({ baseUrl, headers, fetch });
  }

  /** The token sent now (checked by the caller). */
  get token(): string {
    return this.#token;
  }

  /** Sends `Authorization: Token <token>` from now on (already checked by the caller). */
  setToken(token: string): void {
    this.#options.headers.set("Authorization", `Token ${token}`);
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
    timeoutMs: number = this.#options.timeoutMs,
  ): Promise<unknown> {
    const secret = this.#token;
    const key = init.params?.path?.token_id_or_key;
    // For errors only, so a successful call builds nothing: the method and the path with the key masked.
    const call = (): CallInfo => ({
      method,
      path: key === undefined ? path : path.replace(/{.*}/, maskIdOrKey(key)),
    });
    // For errors only: what to redact from text a server or a fetch implementation echoes back (Deno's fetch
    // errors quote the URL, so the key as encoded in the path too). A short key is not redacted: it would
    // mangle the message and reveals next to nothing.
    const secrets = (): string[] =>
      typeof key === "string" && key.length >= 8 ? [secret, key, encodeURIComponent(key)] : [secret];
    init.parseAs = "text";
    for (let retry = 0; ; retry++) {
      // With a caller's signal the Request pays for following a signal anyway, so it follows one of ours
      // that is aborted on timeout too: the abandoned request is then cancelled, not just left behind.
      const attempt = signal && new AbortController();
      if (attempt) init.signal = attempt.signal;
      let result: Awaited<ReturnType<LooseRequest>> | undefined;
      let failure: unknown;
      let waitMs: number | undefined;
      try {
        if (signal?.aborted) throw signal.reason;
        result = await withDeadline(
          (this.raw.request as unknown as LooseRequest)(method, path, init),
          timeoutMs,
          signal,
        );
      } catch (error) {
        attempt?.abort(error === TIMED_OUT ? new Error("timed out") : error);
        failure = error;
      }
      if (!result) {
        if (signal?.aborted) throw new NeuroioAbortError(call(), signal.reason);
        failure =
          failure === TIMED_OUT
            ? new NeuroioTimeoutError(call(), timeoutMs)
            : new NeuroioConnectionError(call(), failure, secrets());
      } else if (result.response.ok) {
        try {
          return readBody(kind, result.data);
        } catch (error) {
          const { message } = error as NeuroioError;
          throw new NeuroioError(`${result.response.status} ${method} ${call().path}: ${message}`);
        }
      } else {
        const error = createApiError(call(), result.response, result.error, secrets());
        waitMs = error.retryAfterMs;
        if (!isRetryableStatus(error.status) || (waitMs ?? 0) > MAX_RETRY_AFTER_MS) throw error;
        failure = error;
      }
      if (method === "POST" || retry >= this.#options.maxRetries) throw failure;
      const { sleep: wait = sleep, random } = this.#hooks;
      try {
        await wait(waitMs ?? backoffMs(retry, random), signal);
      } catch (reason) {
        throw new NeuroioAbortError(call(), signal?.reason ?? reason);
      }
    }
  }
}
