import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Response headers a browser app may read besides the CORS-safelisted ones: Prism's violation report,
 * `Retry-After` of a 429 and the challenge of a 401. Named one by one because `*` does not cover
 * credentialed requests.
 */
export const EXPOSED_HEADERS = ["sl-violations", "retry-after", "www-authenticate"] as const;

/** Methods the API uses, answered to every preflight. */
export const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

/** Request headers allowed when a preflight does not list any. */
const DEFAULT_ALLOWED_HEADERS = "Authorization, Content-Type, Prefer";

/** How long a browser may cache a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE = "600";

/** Whether the request is a browser's CORS preflight (an `OPTIONS` with `Origin` and the method to come). */
export function isPreflight(request: IncomingMessage): boolean {
  return (
    request.method === "OPTIONS" &&
    request.headers.origin !== undefined &&
    request.headers["access-control-request-method"] !== undefined
  );
}

/**
 * Sets the CORS headers of an actual response: any origin is allowed (it is a local mock), with
 * credentials, and {@link EXPOSED_HEADERS} are readable from the page.
 */
export function setCorsHeaders(request: IncomingMessage, response: ServerResponse): void {
  const origin = request.headers.origin;
  if (origin === undefined) {
    response.setHeader("access-control-allow-origin", "*");
  } else {
    // Echoing the origin (not `*`) is what lets `credentials: "include"` requests through.
    response.setHeader("access-control-allow-origin", origin);
    response.setHeader("access-control-allow-credentials", "true");
    response.setHeader("vary", "Origin");
  }
  response.setHeader("access-control-expose-headers", EXPOSED_HEADERS.join(", "));
}

/** Answers a preflight: every API method, the headers asked for (`Authorization`, `Prefer`, ...). */
export function answerPreflight(request: IncomingMessage, response: ServerResponse): void {
  setCorsHeaders(request, response);
  response.setHeader("access-control-allow-methods", ALLOWED_METHODS);
  response.setHeader(
    "access-control-allow-headers",
    request.headers["access-control-request-headers"] ?? DEFAULT_ALLOWED_HEADERS,
  );
  response.setHeader("access-control-max-age", PREFLIGHT_MAX_AGE);
  response.writeHead(204, { "content-length": "0" });
  response.end();
}
