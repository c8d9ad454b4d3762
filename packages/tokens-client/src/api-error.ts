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

/**
 * The error for an HTTP error response.
 * @param body what openapi-fetch read: parsed JSON, else the text, `""` when empty.
 * @param secrets the token in use and the key addressed, redacted wherever the server echoed them.
 */
export function createApiError(
  call: CallInfo,
  response: Response,
  body: unknown,
  secrets: readonly string[],
): NeuroioApiError {
  const { status, headers } = response;
  const Class = CLASS_BY_STATUS[status] ?? (status >= 500 ? InternalServerError : NeuroioApiError);
  const safeBody = redactValue(body === "" ? undefined : body, secrets);
  const found = (safeBody as { detail?: unknown } | null | undefined)?.detail;
  const detail = typeof found === "string" ? found : undefined;
  const summary = detail ?? summarize(safeBody) ?? (response.statusText || "HTTP error");
  // Redacted once more: the status text came from the server too.
  return new Class(redact(`${status} ${call.method} ${call.path}: ${summary}`, secrets), {
    status,
    body: safeBody,
    detail,
    ...call,
    headers: maskHeaders(headers, secrets),
    retryAfterMs: parseRetryAfter(headers),
  });
}

/** A one-line summary of a body without `detail`: field errors as `field: message`, or the text (200 chars). */
function summarize(body: unknown): string | undefined {
  let line = "";
  if (typeof body === "string") {
    line = body.replace(/\s+/g, " ").trim();
    if (line.length > 200) line = `${line.slice(0, 200)}…`;
  } else if (body && typeof body === "object" && !Array.isArray(body)) {
    line = Object.entries(body)
      .map(([field, messages]) =>
        Array.isArray(messages) ? `${field}: ${messages.join(" ")}` : `${field}: ${JSON.stringify(messages)}`,
      )
      .join("; ");
  }
  return line || undefined;
}
