/**
 * The errors the client throws. Every one extends `NeuroioError`; none ever carries the API token.
 * @module
 */
import { redact } from "./secrets.js";
import type { Token } from "./types.js";

/** The HTTP method and the path (string keys masked) of the call that failed. */
export interface CallInfo {
  /** `GET`, `POST`, `PATCH`, `PUT` or `DELETE`. */
  method: string;
  /** The path without the base URL, e.g. `/v1/tokens/7/`; a string key is shown masked. */
  path: string;
}

/** Base of every error the client throws: bad input, HTTP errors, network failures, timeouts, aborts. */
export class NeuroioError extends Error {
  override name = "NeuroioError";
  /**
   * Set (non-enumerable, so it is not logged by accident) only on the error `tokens.rotate()` throws when the
   * new token was created but retiring the old key failed: the client already uses this new token.
   */
  declare readonly newToken?: Token;

  /** @param message what went wrong; never includes a secret. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /** A plain object for `JSON.stringify`: name, message and the error's own fields (never a secret). */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/** What the client knows about an HTTP error response (the fields of `NeuroioApiError`). */
export interface ApiErrorInit extends CallInfo {
  status: number;
  body: unknown;
  detail: string | undefined;
  headers: Record<string, string>;
  retryAfterMs: number | undefined;
}

// The fields below are `declare`d and copied with `Object.assign`: one statement instead of one per field,
// and no class-field definitions that would first set each of them to `undefined`.

/** The server answered with an HTTP error status. Subclasses name the common statuses. */
export class NeuroioApiError extends NeuroioError {
  override name = "NeuroioApiError";
  /** The HTTP status, e.g. `404`. */
  declare readonly status: number;
  /** The response body: parsed JSON when it is JSON, else its text (`undefined` when empty). */
  declare readonly body: unknown;
  /** The body's `detail` string when it has one (Django REST Framework style). */
  declare readonly detail: string | undefined;
  /** The request method. */
  declare readonly method: string;
  /** The request path without the base URL; string keys are masked. */
  declare readonly path: string;
  /** The response headers, lower-case names; `authorization`-like values are masked. */
  declare readonly headers: Record<string, string>;
  /** The wait the server asked for (`Retry-After`), in milliseconds, when it sent one. */
  declare readonly retryAfterMs: number | undefined;

  /** Built by the client; `message` reads like `404 GET /v1/tokens/7/: Not found.`. */
  constructor(message: string, init: ApiErrorInit) {
    super(message);
    Object.assign(this, init);
  }
}

/** 400: the request was malformed, a field failed validation, or the 5 permanent tokens are used up. */
export class BadRequestError extends NeuroioApiError {
  override name = "BadRequestError";
}

/** 401: no token, or the token is unknown, expired or deactivated. */
export class AuthenticationError extends NeuroioApiError {
  override name = "AuthenticationError";
}

/** 403: the token may not manage tokens. */
export class PermissionDeniedError extends NeuroioApiError {
  override name = "PermissionDeniedError";
}

/** 404: no token has this id or key. */
export class NotFoundError extends NeuroioApiError {
  override name = "NotFoundError";
}

/** 422: the server understood the request but refused its content. */
export class UnprocessableEntityError extends NeuroioApiError {
  override name = "UnprocessableEntityError";
}

/** 429: too many requests; `retryAfterMs` says how long the server asked to wait. */
export class RateLimitError extends NeuroioApiError {
  override name = "RateLimitError";
}

/** Any 5xx status: the server failed. */
export class InternalServerError extends NeuroioApiError {
  override name = "InternalServerError";
}

/** The request never got an HTTP answer (DNS, refused connection, reset...). `cause` holds the original error. */
export class NeuroioConnectionError extends NeuroioError {
  override name = "NeuroioConnectionError";
  /** The request method. */
  declare readonly method: string;
  /** The request path without the base URL; string keys are masked. */
  declare readonly path: string;

  /**
   * Built by the client from the error `fetch` threw; `secrets` are redacted from its text. When that text held
   * one, the original error cannot be kept as `cause` either (its message and stack repeat it), so a plain
   * `Error` with the redacted text stands in for it.
   */
  constructor(call: CallInfo, cause: unknown, secrets: readonly string[] = []) {
    // undici keeps the real reason (ECONNREFUSED...) on the cause of its "fetch failed".
    const inner = (cause as Error | undefined)?.cause;
    const reason =
      cause instanceof Error ? `${cause.message}${inner instanceof Error ? ` (${inner.message})` : ""}` : "";
    const safe = redact(reason, secrets);
    super(`${call.method} ${call.path}: connection failed${safe && `: ${safe}`}`, {
      cause: safe === reason ? cause : new Error(safe),
    });
    Object.assign(this, call);
  }
}

/** An attempt took longer than `timeoutMs` (and no retry was left). */
export class NeuroioTimeoutError extends NeuroioError {
  override name = "NeuroioTimeoutError";
  /** The request method. */
  declare readonly method: string;
  /** The request path without the base URL; string keys are masked. */
  declare readonly path: string;
  /** The per-attempt limit that was exceeded, in milliseconds. */
  declare readonly timeoutMs: number;

  /** Built by the client when its per-attempt timer fires. */
  constructor(call: CallInfo, timeoutMs: number) {
    super(`${call.method} ${call.path}: timed out after ${timeoutMs} ms`);
    Object.assign(this, call, { timeoutMs });
  }
}

/** The caller's `signal` aborted the call. `cause` holds the signal's reason. */
export class NeuroioAbortError extends NeuroioError {
  override name = "NeuroioAbortError";
  /** The request method. */
  declare readonly method: string;
  /** The request path without the base URL; string keys are masked. */
  declare readonly path: string;

  /** Built by the client when the caller's signal aborts, before, during or between attempts. */
  constructor(call: CallInfo, reason: unknown) {
    super(`${call.method} ${call.path}: aborted by the caller's signal`, { cause: reason });
    Object.assign(this, call);
  }
}
