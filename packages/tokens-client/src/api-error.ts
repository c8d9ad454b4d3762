/**
 * Turns an HTTP error response into the `NeuroioApiError` subclass of its status.
 * @module
 */
import {
  AuthenticationError,
  BadRequestError,
  type CallInfo,
  InternalServerError,
  NeuroioApiError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "./errors.js";
import { parseRetryAfter } from "./retry.js";
import { maskHeaders, redact, redactValue } from "./secrets.js";

/** The class for each status that has its own; other 5xx map to `InternalServerError`, the rest to the base. */
const CLASS_BY_STATUS: Record<number, typeof NeuroioApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** How much of a text body the message quotes. */
const MAX_QUOTE = 200;

/**
 * The error for an HTTP error response.
 * @param body what openapi-fetch read: parsed JSON, else the text, `undefined` when empty.
 * @param secrets the token in use and the key addressed, redacted wherever the server echoed them.
 */
export function createApiError(
  call: CallInfo,
  response: Response,
  body: unknown,
  secrets: readonly string[],
): NeuroioApiError {
  const status = response.status;
  const Class = CLASS_BY_STATUS[status] ?? (status >= 500 ? InternalServerError : NeuroioApiError);
  let safeBody = body === "" ? undefined : body;
  for (const secret of secrets) safeBody = redactValue(safeBody, secret);
  const detail = readDetail(safeBody);
  const summary = detail ?? summarize(safeBody) ?? (response.statusText || "HTTP error");
  let message = `${status} ${call.method} ${call.path}: ${summary}`;
  for (const secret of secrets) message = redact(message, secret);
  return new Class(message, {
    ...call,
    status,
    body: safeBody,
    detail,
    headers: maskHeaders(response.headers, secrets),
    retryAfterMs: parseRetryAfter(response.headers),
  });
}

/** The `detail` string of a Django REST Framework error body. */
function readDetail(body: unknown): string | undefined {
  if (body && typeof body === "object" && "detail" in body && typeof body.detail === "string") {
    return body.detail;
  }
  return undefined;
}

/** A one-line summary of a body without `detail`: field errors as `field: message`, or the quoted text. */
function summarize(body: unknown): string | undefined {
  if (typeof body === "string") {
    const line = body.replace(/\s+/g, " ").trim();
    return line.length > MAX_QUOTE ? `${line.slice(0, MAX_QUOTE)}…` : line || undefined;
  }
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const parts = Object.entries(body).map(([field, messages]) =>
      Array.isArray(messages) ? `${field}: ${messages.join(" ")}` : `${field}: ${JSON.stringify(messages)}`,
    );
    return parts.length ? parts.join("; ") : undefined;
  }
  return undefined;
}
