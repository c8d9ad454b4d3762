import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Sets the CORS headers of every answer: any origin is allowed (it is a local mock), with credentials, and a
 * page can read Prism's `sl-violations`, the `Retry-After` of a 429 and the challenge of a 401 (named one by
 * one: `*` does not cover credentialed requests). A browser's preflight (an `OPTIONS` with `Origin` and the
 * method to come) is answered here: every API method, the headers asked for.
 * @returns whether the request was a preflight, answered already.
 */
export function cors(request: IncomingMessage, response: ServerResponse): boolean {
  const { origin } = request.headers;
  if (origin === undefined) response.setHeader("access-control-allow-origin", "*");
  else {
    // Echoing the origin (not `*`) is what lets `credentials: "include"` requests through.
    response.setHeader("access-control-allow-origin", origin);
    response.setHeader("access-control-allow-credentials", "true");
    response.setHeader("vary", "Origin");
  }
  response.setHeader("access-control-expose-headers", "sl-violations, retry-after, www-authenticate");
  const preflight = request.headers["access-control-request-method"] !== undefined;
  if (request.method !== "OPTIONS" || origin === undefined || !preflight) return false;
  response.setHeader("access-control-allow-methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
  const asked = request.headers["access-control-request-headers"];
  response.setHeader("access-control-allow-headers", asked ?? "Authorization, Content-Type, Prefer");
  response.setHeader("access-control-max-age", "600"); // seconds a browser may cache this answer
  response.writeHead(204, { "content-length": "0" });
  response.end();
  return true;
}
