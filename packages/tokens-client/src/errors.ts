/**
 * The errors the client throws. Every one extends `NeuroioError`; none ever carries the API token.
 * @module
 */
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

/** The server answered with an HTTP error status. Subclasses name the common statuses. */
export class NeuroioApiError extends NeuroioError {
  override name = "NeuroioApiError";
  /** The HTTP status, e.g. `404`. */
  readonly status: number;
  /** The response body: parsed JSON when it is JSON, else its text (`undefined` when empty). */
  readonly body: unknown;
  /** The body's `detail` string when it has one (Django REST Framework style). */
  readonly detail: string | undefined;
  /** The request method. */
  readonly method: string;
  /** The request path without the base URL; string keys are masked. */
  readonly path: string;
  /** The response headers, lower-case names; `authorization`-like values are masked. */
  readonly headers: Record<string, string>;
  /** The wait the server asked for (`Retry-After`), in milliseconds, when it sent one. */
  readonly retryAfterMs: number | undefined;

  /** Built by the client; `message` reads like `404 GET /v1/tokens/7/: Not found.`. */
  constructor(
    message: string,
    init: CallInfo & {
      status: number;
      body: unknown;
      detail: string | undefined;
      headers: Record<string, string>;
      retryAfterMs: number | undefined;
    },
  ) {
    super(message);
    this.status = init.status;
    this.body = init.body;
    this.detail = init.detail;
    this.method = init.method;
    this.path = init.path;
    this.headers = init.headers;
    this.retryAfterMs = init.retryAfterMs;
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
  readonly method: string;
  /** The request path without the base URL; string keys are masked. */
  readonly path: string;

  /** Built by the client from the error `fetch` threw. */
  constructor(call: CallInfo, cause: unknown) {
    super(`${call.method} ${call.path}: connection failed${describeCause(cause)}`, { cause });
    this.method = call.method;
    this.path = call.path;
  }
}

/** An attempt took longer than `timeoutMs` (and no retry was left). */
export class NeuroioTimeoutError extends NeuroioError {
  override name = "NeuroioTimeoutError";
  /** The request method. */
  readonly method: string;
  /** The request path without the base URL; string keys are masked. */
  readonly path: string;
  /** The per-attempt limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number;

  /** Built by the client when its per-attempt timer fires. */
  constructor(call: CallInfo, timeoutMs: number) {
    super(`${call.method} ${call.path}: timed out after ${timeoutMs} ms`);
    this.method = call.method;
    this.path = call.path;
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's `signal` aborted the call. `cause` holds the signal's reason. */
export class NeuroioAbortError extends NeuroioError {
  override name = "NeuroioAbortError";
  /** The request method. */
  readonly method: string;
  /** The request path without the base URL; string keys are masked. */
  readonly path: string;

  /** Built by the client when the caller's signal aborts, before, during or between attempts. */
  constructor(call: CallInfo, reason: unknown) {
    super(`${call.method} ${call.path}: aborted by the caller's signal`, { cause: reason });
    this.method = call.method;
    this.path = call.path;
  }
}

/** `: <message>` of the error fetch threw (and of its own cause, where undici keeps the real reason). */
function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return "";
  const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : "";
  return `: ${cause.message}${inner}`;
}
