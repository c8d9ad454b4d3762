/**
 * The errors the client throws. Every one extends `NeuroioError`; none ever carries the API token.
 * @module
 */
import { safeCause } from "./secrets.js";
import type { Method, Token } from "./types.js";

/** The HTTP method and the path (string keys masked) of the call that failed. */
export interface CallInfo {
  /** The request method. */
  method: Method;
  /** The path without the base URL, e.g. `/v1/tokens/7/`; a string key is shown masked. */
  path: string;
}

/** Base of every error the client throws: bad input, HTTP errors, network failures, timeouts, aborts. */
export class NeuroioError extends Error {
  override name = "NeuroioError";
  /**
   * Set (non-enumerable, so it is not logged by accident) only on the error `tokens.rotate()` throws when the
   * new token was created and the client switched to it, but retiring the old key failed.
   */
  declare readonly newToken?: Token;

  // No constructor of its own: `Error`'s `(message, { cause })` is the one wanted (a message never holds a secret).

  /** A plain object for `JSON.stringify`: name, message and the error's own fields (never a secret). */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/** An error of one call: it carries the call's `method` and `path` (the base of the HTTP, network, timeout and abort errors). */
export class NeuroioRequestError extends NeuroioError {
  override name = "NeuroioRequestError";
  /** The request method. */
  declare readonly method: Method;
  /** The request path without the base URL; string keys are masked. */
  declare readonly path: string;

  /**
   * @param message the whole message, starting with the call (see `describeCall()`).
   * @param call its `method` and `path` are copied onto the error.
   */
  constructor(message: string, call: CallInfo, options?: { cause?: unknown }) {
    super(message, options);
    Object.assign(this, { method: call.method, path: call.path });
  }
}

/** `[status ]METHOD path: text`, how every message about a call reads. */
export function describeCall(call: CallInfo, text: string, status?: number): string {
  return `${status ? `${status} ` : ""}${call.method} ${call.path}: ${text}`;
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
export class NeuroioApiError extends NeuroioRequestError {
  override name = "NeuroioApiError";
  /** The HTTP status, e.g. `404`. */
  declare readonly status: number;
  /** The response body: parsed JSON when it is JSON, else its text (`undefined` when empty). */
  declare readonly body: unknown;
  /** The body's `detail` string when it has one (Django REST Framework style). */
  declare readonly detail: string | undefined;
  /** The response headers, lower-case names; credentials and echoed tokens masked. */
  declare readonly headers: Record<string, string>;
  /** The wait the server asked for (`Retry-After`), in milliseconds, when it sent one. */
  declare readonly retryAfterMs: number | undefined;

  /** Built by the client; `message` reads like `404 GET /v1/tokens/7/: Not found.`. */
  constructor(message: string, init: ApiErrorInit) {
    super(message, init);
    Object.assign(this, init);
  }
}

/** 400: the request was malformed, a field failed validation, or the 5 permanent tokens are used up. */
export class BadRequestError extends NeuroioApiError {
  override name = "BadRequestError";
  declare readonly status: 400;
}

/** 401: no token, or the token is unknown, expired or deactivated. */
export class AuthenticationError extends NeuroioApiError {
  override name = "AuthenticationError";
  declare readonly status: 401;
}

/** 403: the token may not manage tokens. */
export class PermissionDeniedError extends NeuroioApiError {
  override name = "PermissionDeniedError";
  declare readonly status: 403;
}

/** 404: no token has this id or key. */
export class NotFoundError extends NeuroioApiError {
  override name = "NotFoundError";
  declare readonly status: 404;
}

/** 422: the server understood the request but refused its content. */
export class UnprocessableEntityError extends NeuroioApiError {
  override name = "UnprocessableEntityError";
  declare readonly status: 422;
}

/** 429: too many requests; `retryAfterMs` says how long the server asked to wait. */
export class RateLimitError extends NeuroioApiError {
  override name = "RateLimitError";
  declare readonly status: 429;
}

/** Any 5xx status: the server failed. */
export class InternalServerError extends NeuroioApiError {
  override name = "InternalServerError";
}

/**
 * The request never got an HTTP answer (DNS, refused connection, reset...). `cause` is a stand-in for what
 * `fetch` threw: its name and its message with every token redacted, never the original object (which may
 * carry the `Request` and its `Authorization` header).
 */
export class NeuroioConnectionError extends NeuroioRequestError {
  override name = "NeuroioConnectionError";

  /** Built by the client from what `fetch` threw; `secrets` are redacted from its text. */
  constructor(call: CallInfo, thrown: unknown, secrets: readonly string[] = []) {
    const { text, cause } = safeCause(thrown, secrets);
    super(describeCall(call, `connection failed${text && `: ${text}`}`), call, { cause });
  }
}

/** An attempt took longer than `timeoutMs` (and no retry was left); its request was cancelled. */
export class NeuroioTimeoutError extends NeuroioRequestError {
  override name = "NeuroioTimeoutError";
  /** The per-attempt limit that was exceeded, in milliseconds. */
  declare readonly timeoutMs: number;

  /** Built by the client when an attempt runs out of time. */
  constructor(call: CallInfo, timeoutMs: number) {
    super(describeCall(call, `timed out after ${timeoutMs} ms`), call);
    Object.assign(this, { timeoutMs });
  }
}

/** The caller's `signal` aborted the call; its request was cancelled. `cause` holds the signal's reason. */
export class NeuroioAbortError extends NeuroioRequestError {
  override name = "NeuroioAbortError";

  /** Built by the client when the caller's signal aborts, before, during or between attempts. */
  constructor(call: CallInfo, reason: unknown) {
    super(describeCall(call, "aborted by the caller's signal"), call, { cause: reason });
  }
}
