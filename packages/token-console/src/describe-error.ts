/** Turns every error the client throws into a message a person can act on. */
import {
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NeuroioAbortError,
  NeuroioApiError,
  NeuroioConnectionError,
  NeuroioError,
  NeuroioTimeoutError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "@neuroio/tokens-client";

/** What the page shows for a failed action. */
export interface ErrorMessage {
  /** One line: what failed and the HTTP status, e.g. `Could not load tokens: not authorised (401)`. */
  readonly summary: string;
  /** What the server or the client said, e.g. `Invalid token.`. */
  readonly detail: string;
  /** What to do about it, when there is something to do. */
  readonly hint: string | undefined;
}

/** What the console was doing when the error happened. */
export interface ErrorContext {
  /** The action in words, e.g. `create a permanent token`. */
  readonly action: string;
  /** The base URL the console talks to (for connection errors). */
  readonly baseUrl: string;
  /** Set when the action created a permanent token, so a 400 is explained as the 5-token limit. */
  readonly creatingPermanent?: boolean;
}

/** The status words and hint of each status class; an API error of any other status reads as "HTTP error". */
const API_ERRORS: ReadonlyArray<{
  readonly type: new (...args: never[]) => NeuroioApiError;
  readonly words: string;
  readonly hint: string | undefined;
}> = [
  {
    type: AuthenticationError,
    words: "not authorised",
    hint: "Check the API token: it may be mistyped, expired or deactivated.",
  },
  {
    type: PermissionDeniedError,
    words: "forbidden",
    hint: "This token may not manage tokens here; use an account token or a space token of this space.",
  },
  { type: NotFoundError, words: "not found", hint: "No token has this id or key; refresh the list." },
  { type: BadRequestError, words: "refused", hint: undefined },
  { type: UnprocessableEntityError, words: "refused", hint: undefined },
  { type: RateLimitError, words: "too many requests", hint: undefined },
  { type: InternalServerError, words: "server error", hint: "The service failed; try again later." },
];

/** The hint of a 400 when the console was creating a permanent token: the account's 5 slots are used up. */
const PERMANENT_LIMIT_HINT =
  "An account or space holds at most 5 permanent tokens: delete or deactivate one first.";

/** Builds the message the page shows for `error`, thrown while doing `context.action`. */
export function describeError(error: unknown, context: ErrorContext): ErrorMessage {
  const failed = `Could not ${context.action}`;
  if (error instanceof NeuroioApiError) return describeApiError(error, failed, context);
  if (error instanceof NeuroioConnectionError) {
    return {
      summary: `${failed}: cannot reach ${context.baseUrl}`,
      detail: "The request got no HTTP answer (network down or connection refused).",
      hint: "Check that the server runs (pnpm mock), that the base URL is right, and that it allows this page's origin (CORS).",
    };
  }
  if (error instanceof NeuroioTimeoutError) {
    return {
      summary: `${failed}: no answer from ${context.baseUrl} within ${formatSeconds(error.timeoutMs)}`,
      detail: error.message,
      hint: "The server is slow or unreachable; try again.",
    };
  }
  if (error instanceof NeuroioAbortError) {
    return { summary: `${failed}: cancelled`, detail: "A newer request replaced this one.", hint: undefined };
  }
  if (error instanceof NeuroioError) {
    return { summary: `${failed}: invalid input`, detail: error.message, hint: undefined };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { summary: `${failed}: unexpected error`, detail, hint: undefined };
}

/** The message of an HTTP error: status words, the server's `detail` (or field errors) and a hint. */
function describeApiError(error: NeuroioApiError, failed: string, context: ErrorContext): ErrorMessage {
  const known = API_ERRORS.find((entry) => error instanceof entry.type);
  const words = known?.words ?? "HTTP error";
  let hint = known?.hint;
  if (error instanceof BadRequestError && context.creatingPermanent === true) hint = PERMANENT_LIMIT_HINT;
  if (error instanceof RateLimitError && error.retryAfterMs !== undefined) {
    hint = `Wait ${formatSeconds(error.retryAfterMs)} before trying again.`;
  }
  return {
    summary: `${failed}: ${words} (${error.status})`,
    detail:
      error.detail ?? describeBody(error.body) ?? `${error.method} ${error.path} answered ${error.status}.`,
    hint,
  };
}

/**
 * Field validation errors (`{"is_active": ["Must be a valid boolean."]}`) as one line,
 * `is_active: Must be a valid boolean.`; `undefined` for any other body.
 */
export function describeBody(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim() === "" ? undefined : body.trim();
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const parts = Object.entries(body).map(([field, messages]) => {
    const text = Array.isArray(messages) ? messages.map(String).join(" ") : String(messages);
    return `${field}: ${text}`;
  });
  return parts.length > 0 ? parts.join("; ") : undefined;
}

/** `1.5 s`, `30 s`. */
function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
