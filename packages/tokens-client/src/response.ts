/**
 * Understanding a response once its body is read: a 2xx body must be the JSON the spec promises; an error
 * status becomes the `NeuroioApiError` subclass of its status, with every secret redacted.
 * @module
 */
import {
  AuthenticationError,
  BadRequestError,
  type CallInfo,
  describeCall,
  InternalServerError,
  NeuroioApiError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "./errors.js";
import { parseRetryAfter } from "./retry.js";
import { maskHeaders, redact, redactValue } from "./secrets.js";

/** What a successful call returns: one token, an array of tokens, or nothing (204). */
export type BodyKind = "token" | "tokens" | "empty";

/** The deepest error body that is parsed; a deeper one (hostile: real ones have depth 2) is not looked into. */
const MAX_DEPTH = 64;

/** Whether `value` has the shape of a `Token` (the fields a caller relies on). */
function isToken(value: unknown): boolean {
  const token = value as Record<string, unknown> | null;
  return (
    typeof token?.id === "number" && typeof token.key === "string" && typeof token.is_active === "boolean"
  );
}

/**
 * Parses and checks the body of a successful response.
 * @returns the value, or a string saying how the body breaks the contract (the caller builds the error).
 */
export function parseSuccess(kind: BodyKind, text: string): { value: unknown } | string {
  if (kind === "empty") return { value: undefined };
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : undefined;
  } catch {
    // The body may hold a token key, and the SyntaxError quotes the body: neither is kept, only the size.
    return `is not valid JSON (${text.length} characters)`;
  }
  if (kind === "token" ? isToken(value) : Array.isArray(value) && value.every(isToken)) return { value };
  return kind === "token" ? "is not a token" : "is not an array of tokens";
}

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
 * @param text the body as read (bounded); parsed as JSON when it is JSON of sane depth.
 * @param secrets every token the client has held and the key addressed, redacted wherever the server echoed them.
 */
export function apiError(
  call: CallInfo,
  response: Response,
  text: string,
  secrets: readonly string[],
): NeuroioApiError {
  const { status, headers } = response;
  const Class = CLASS_BY_STATUS[status] ?? (status >= 500 ? InternalServerError : NeuroioApiError);
  const body = text ? redactValue(parseBounded(text), secrets) : undefined;
  const found = (body as { detail?: unknown } | null | undefined)?.detail;
  const detail = typeof found === "string" ? found : undefined;
  // Redacted once more: the status text came from the server too.
  const summary = redact(detail ?? summarize(body) ?? (response.statusText || "HTTP error"), secrets);
  return new Class(describeCall(call, summary, status), {
    ...call,
    status,
    body,
    detail,
    headers: maskHeaders(headers, secrets),
    retryAfterMs: parseRetryAfter(headers),
  });
}

/**
 * `text` parsed as JSON when it is JSON nested at most `MAX_DEPTH` deep, else the text itself. The depth is
 * counted first, in one loop (never recursing): everything that runs on the parsed value afterwards (redaction, the summary)
 * recurses, and must never meet a body nested thousands of levels deep.
 */
function parseBounded(text: string): unknown {
  let depth = 0;
  // Brackets inside strings are skipped: a string of `]]]...` must not lower the count below the real nesting.
  // (A `\` outside a string is invalid JSON anyway: the text is then kept as it is.)
  let inString = false;
  let escaped = false;
  for (const char of text) {
    if (escaped) escaped = false;
    else if (char === "\\") escaped = true;
    else if (char === '"') inString = !inString;
    else if (!inString) {
      if (char === "{" || char === "[") {
        if (++depth > MAX_DEPTH) return text;
      } else if (char === "}" || char === "]") depth--;
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
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
