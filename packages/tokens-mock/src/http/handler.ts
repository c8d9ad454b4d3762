import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Upstream } from "../upstream.js";
import { AUTHENTICATE_CHALLENGE, authorizationProblem } from "./auth.js";
import { malformedJsonDetail, readBody } from "./body.js";
import { answerPreflight, isPreflight, setCorsHeaders } from "./cors.js";
import { sendDetail } from "./reply.js";

/**
 * The request listener of the mock: answers CORS preflights, refuses a malformed `Authorization` (401) and
 * malformed JSON (400) itself, and hands every other request to `upstream`.
 */
export function createRequestHandler(upstream: Upstream): RequestListener {
  return (request, response) => {
    handle(upstream, request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        sendDetail(
          response,
          500,
          `The mock failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      } else {
        response.destroy();
      }
    });
  };
}

async function handle(upstream: Upstream, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (isPreflight(request)) {
    answerPreflight(request, response);
    return;
  }
  setCorsHeaders(request, response);
  const read = await readBody(request);
  if (!read.ok) {
    sendDetail(response, read.status, read.detail);
    return;
  }
  if (upstream.checksAuthorization) {
    const problem = authorizationProblem(request.headers.authorization);
    if (problem !== undefined) {
      sendDetail(response, 401, problem, { "www-authenticate": AUTHENTICATE_CHALLENGE });
      return;
    }
  }
  const malformed = malformedJsonDetail(request.headers["content-type"], read.body);
  if (malformed !== undefined) {
    sendDetail(response, 400, malformed);
    return;
  }
  await upstream.handle(request, read.body, response);
}
