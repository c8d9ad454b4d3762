import type { ServerResponse } from "node:http";

/**
 * Ends `response` with a Django REST Framework style error, `{"detail": "..."}`, the shape the real API and
 * the spec use for every error.
 */
export function sendDetail(
  response: ServerResponse,
  status: number,
  detail: string,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({ detail });
  response.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  response.end(body);
}
