/**
 * The request path of the mock, front to back: CORS, body limits, the path, `Authorization`, routing, the
 * body's media type and syntax, then Prism (which mocks, proxies or calls the stateful API) and its findings
 * turned into the real API's answers. Every request is answered; none can take the process down.
 * @module
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Engine, Outcome } from "../prism/engine.js";
import { formFields, type PrismInput, type PrismOutput } from "../prism/forward.js";
import { routeRequest } from "../prism/routes.js";
import type { SpecHolder } from "../prism/spec.js";
import { isError, requestMistakeAnswer, toViolations, violationsHeader } from "../prism/violations.js";
import { AUTHENTICATE_CHALLENGE, authorizationProblem } from "../stateful/auth.js";
import { cors } from "./cors.js";
import type { Log } from "./log.js";
import { MAX_BODY_BYTES, parseBody, readBody } from "./read-body.js";
import { detailReply, type Reply, sendReply } from "./reply.js";

/** What the front needs: the spec, Prism, the log, and the few mode-dependent rules. */
export interface FrontOptions {
  spec: SpecHolder;
  engine: Engine;
  log: Log;
  /** Whether the mock checks `Authorization` (not in proxy mode: the real server does). */
  checksAuthorization: boolean;
  /** Whether an unknown path or method is answered here (not in proxy mode without `errors`). */
  answersRouting: boolean;
  /** Whether a response that breaks the spec becomes a 500 (`errors`; always in stateful mode). */
  refusesBadResponses: boolean;
  /** Stateful mode: the 401 of a caller the API does not know, asked before a request mistake is answered. */
  checkCaller?: (input: PrismInput) => PrismOutput | undefined;
}

/** The `node:http` listener of the mock. */
export function createRequestHandler(options: FrontOptions): RequestListener {
  return (request, response) => {
    handle(options, request, response).catch((error: unknown) => {
      const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
      options.log.error(`Unexpected error on ${request.method} ${request.url}: ${reason}`);
      if (!response.headersSent) {
        sendReply(response, detailReply(500, "The mock failed on this request; its log says why."));
      } else response.destroy();
    });
  };
}

/** A reply, and whether it answers a mistake of the caller (logged as one: a chosen example is not). */
type Answer = [Reply, boolean?];

async function handle(options: FrontOptions, request: IncomingMessage, response: ServerResponse) {
  if (cors(request, response)) return;
  const method = (request.method ?? "GET").toUpperCase();
  const [path = "/", search = ""] = (request.url ?? "/").split(/\?(.*)/s);
  const [reply, mistake = reply.status >= 400] = await answer(options, request, method, path, search);
  if (mistake) options.log.mistake(method, path, reply.status, summarize(reply.body));
  options.log.request(method, path, reply.status);
  sendReply(response, reply);
}

async function answer(
  options: FrontOptions,
  request: IncomingMessage,
  method: string,
  path: string,
  search: string,
): Promise<Answer> {
  const raw = await readBody(request);
  if (raw === undefined) {
    // The rest of the body is not read: the connection cannot be reused.
    return [detailReply(413, `Request body larger than ${MAX_BODY_BYTES} bytes.`, { connection: "close" })];
  }
  const route = routeRequest(options.spec.operations, method, path);
  if (route.kind === "not-found" && (options.answersRouting || route.malformed)) {
    return [detailReply(404, route.detail)];
  }
  const problem = options.checksAuthorization ? authorizationProblem(request.headers) : undefined;
  if (problem !== undefined) {
    return [detailReply(401, problem, { "www-authenticate": AUTHENTICATE_CHALLENGE })];
  }
  if (route.kind === "method-not-allowed" && options.answersRouting) {
    return [detailReply(405, `Method "${method}" not allowed.`, { allow: route.allow.join(", ") })];
  }
  const operation = route.kind === "operation" ? route.operation : undefined;
  const declared =
    operation && (operation.request?.body?.contents?.map((content) => content.mediaType) ?? []);
  const body = parseBody(raw, request.headers, declared);
  if ("status" in body) return [body];
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  if (body.value === undefined) {
    // A body the API does not read (on GET, DELETE) is dropped; Prism would still see one by its length.
    delete headers["content-length"];
    delete headers["transfer-encoding"];
  }
  const input: PrismInput = {
    method: method.toLowerCase() as PrismInput["method"],
    url: { path, query: formFields(search) },
    headers,
    body: body.value,
  };
  return fromOutcome(options, input, await options.engine(input, operation));
}

/** Prism's outcome as the answer to send. */
function fromOutcome(options: FrontOptions, input: PrismInput, outcome: Outcome): Answer {
  const where = `${input.method.toUpperCase()} ${input.url.path}`;
  if (outcome.kind === "mistake") {
    const refused = options.checkCaller?.(input);
    if (refused) return [{ status: refused.statusCode, headers: refused.headers ?? {}, body: refused.body }];
    const { diagnostics } = outcome;
    const drf = requestMistakeAnswer(diagnostics, input.body);
    const violations = violationsHeader(toViolations("request", diagnostics));
    return [{ ...drf, headers: { "sl-violations": violations } }];
  }
  if (outcome.kind === "refused") {
    const { error } = outcome;
    const status = error.status ?? 502;
    if (status >= 500) options.log.error(`${where}: ${error.message}`);
    const body = { type: error.name, title: error.message, status, detail: error.detail ?? "" };
    return [{ status, headers: { "content-type": "application/problem+json" }, body }, status < 500];
  }
  const { output, requestFindings, responseFindings } = outcome;
  const violations = [
    ...toViolations("request", requestFindings),
    ...toViolations("response", responseFindings),
  ];
  const headers: Record<string, string> = { ...output.headers };
  if (violations.length > 0) headers["sl-violations"] = violationsHeader(violations);
  const validation = toViolations("response", responseFindings.filter(isError));
  if (options.refusesBadResponses && validation.length > 0) {
    const list = validation.map((violation) => `${violation.location.join(".")} ${violation.message}`);
    options.log.error(`${where}: the answer breaks the spec: ${list.join("; ")}`);
    const body = {
      type: "https://stoplight.io/prism/errors#VIOLATIONS",
      title: "Request/Response not valid",
      status: 500,
      detail: "The mock's answer breaks the spec, so it was not sent: a bug of the mock or of the spec.",
      validation,
    };
    const problemHeaders = {
      "content-type": "application/problem+json",
      "sl-violations": violationsHeader(validation),
    };
    return [{ status: 500, headers: problemHeaders, body }, false];
  }
  return [
    { status: output.statusCode, headers, body: output.body },
    output.statusCode >= 400 && !outcome.chosen,
  ];
}

/** The log summary of an answer: its `detail`, or each field with its messages. */
function summarize(body: unknown): string {
  if (body === null || typeof body !== "object") return "";
  const { detail } = body as { detail?: unknown };
  if (typeof detail === "string") return detail;
  return Object.entries(body)
    .map(([field, messages]) => `${field}: ${[messages].flat().join(" ")}`)
    .join("; ");
}
