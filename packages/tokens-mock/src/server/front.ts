/**
 * The request path of the mock, front to back: CORS, body limits, the path, `Authorization`, routing, the
 * body's media type and syntax, then Prism (which mocks, proxies or calls the stateful API) and its findings
 * turned into the real API's answers. Every request is answered; none can take the process down.
 * @module
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Engine, Preferences } from "../prism/engine.js";
import { formFields, type PrismInput, type PrismOutput } from "../prism/forward.js";
import { routeRequest } from "../prism/routes.js";
import type { Operation } from "../prism/runtime.js";
import type { SpecHolder } from "../prism/spec.js";
import {
  type Diagnostic,
  isError,
  requestMistakeAnswer,
  toViolations,
  violationsHeader,
} from "../prism/violations.js";
import { AUTHENTICATE_CHALLENGE, authorizationProblem } from "../stateful/auth.js";
import { isJsonContentType, mediaTypeOf, unsupportedMediaType } from "../stateful/request-body.js";
import { answerPreflight, isPreflight, setCorsHeaders } from "./cors.js";
import type { Log } from "./log.js";
import { isAcceptedCharset, parseJson, readBody } from "./read-body.js";
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
  /** Whether Prism mocks (examples, dynamic): a request that breaks the spec then gets no example. */
  mocks: boolean;
  /** Whether a response that breaks the spec becomes a 500 (`errors`; always in stateful mode). */
  refusesBadResponses: boolean;
  /** Stateful mode: the 401 of a caller the API does not know, asked before a request mistake is answered. */
  checkCaller?: (input: PrismInput) => PrismOutput | undefined;
}

/** The `node:http` listener of the mock. */
export function createRequestHandler(options: FrontOptions): RequestListener {
  return (request, response) => {
    handle(options, request, response).catch((error: unknown) => {
      options.log.error(`Unexpected error on ${request.method} ${request.url}: ${describe(error)}`);
      if (!response.headersSent) {
        sendReply(response, detailReply(500, "The mock failed on this request; its log says why."));
      } else response.destroy();
    });
  };
}

async function handle(options: FrontOptions, request: IncomingMessage, response: ServerResponse) {
  if (isPreflight(request)) {
    answerPreflight(request, response);
    return;
  }
  setCorsHeaders(request, response);
  const method = (request.method ?? "GET").toUpperCase();
  const [path = "/", search = ""] = (request.url ?? "/").split(/\?(.*)/s);
  const answer = (reply: Reply, mistake = reply.status >= 400) => {
    if (mistake) options.log.mistake(method, path, reply.status, summarize(reply.body));
    options.log.request(method, path, reply.status);
    sendReply(response, reply);
  };
  const read = await readBody(request);
  if (!read.ok) {
    // The rest of the body is not read: the connection cannot be reused.
    answer(detailReply(413, read.detail, { connection: "close" }));
    return;
  }
  // A malformed percent-encoding names nothing, as on the real API (Prism's router would throw on it).
  const decodable = isDecodable(path);
  const route = decodable
    ? routeRequest(options.spec.operations, method, path)
    : ({ kind: "not-found", detail: "Not found." } as const);
  if (route.kind === "not-found" && (options.answersRouting || !decodable)) {
    answer(detailReply(404, route.detail));
    return;
  }
  if (options.checksAuthorization) {
    const problem = authorizationProblem(request.headers);
    if (problem !== undefined) {
      answer(detailReply(401, problem, { "www-authenticate": AUTHENTICATE_CHALLENGE }));
      return;
    }
  }
  if (route.kind === "method-not-allowed" && options.answersRouting) {
    answer(detailReply(405, `Method "${method}" not allowed.`, { allow: route.allow.join(", ") }));
    return;
  }
  const operation = route.kind === "operation" ? route.operation : undefined;
  const body = parseRequestBody(operation, request.headers, read.body);
  if ("status" in body) {
    answer(body);
    return;
  }
  const headers = headersOf(request);
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
  answer(...(await respond(options, input, parsePrefer(input.headers?.prefer), operation)));
}

/** Prism's outcome as the reply to send, and whether it answers a mistake (logged). */
async function respond(
  options: FrontOptions,
  input: PrismInput,
  preferences: Preferences,
  operation: Operation | undefined,
): Promise<[Reply, boolean]> {
  const outcome = await options.engine(input, preferences, operation);
  const mediaType = mediaTypeOf(String(input.headers?.["content-type"] ?? ""));
  if (outcome.kind === "mistake") {
    const refused = options.checkCaller?.(input);
    if (refused)
      return [{ status: refused.statusCode, headers: refused.headers ?? {}, body: refused.body }, true];
    return [mistakeReply(outcome.diagnostics, mediaType, input.body), true];
  }
  if (outcome.kind === "refused") {
    const { error } = outcome;
    if (error.name.endsWith("NO_PATH_MATCHED_ERROR")) return [detailReply(404, "Not found."), true];
    const status = error.status ?? 502;
    if (status >= 500) options.log.error(`${input.method.toUpperCase()} ${input.url.path}: ${error.message}`);
    return [
      {
        status,
        headers: { "content-type": "application/problem+json" },
        body: { type: error.name, title: error.message, status, detail: error.detail ?? "" },
      },
      status < 500,
    ];
  }
  const { requestFindings, responseFindings } = outcome;
  const chosen = preferences.code !== undefined || preferences.exampleKey !== undefined;
  // A request that breaks the spec gets the real API's answer, not an example; unless Prefer chose one.
  if (!chosen && requestFindings.some(isError) && options.mocks) {
    return [mistakeReply(requestFindings, mediaType, input.body), true];
  }
  const violations = [
    ...toViolations("request", requestFindings),
    ...toViolations("response", responseFindings),
  ];
  const headers: Record<string, string> = { ...outcome.output.headers };
  if (violations.length > 0) headers["sl-violations"] = violationsHeader(violations);
  const validation = toViolations("response", responseFindings.filter(isError));
  if (options.refusesBadResponses && validation.length > 0) {
    options.log.error(
      `${input.method.toUpperCase()} ${input.url.path}: the answer breaks the spec: ${validation.map((v) => `${v.location.join(".")} ${v.message}`).join("; ")}`,
    );
    return [
      {
        status: 500,
        headers: {
          "content-type": "application/problem+json",
          "sl-violations": violationsHeader(validation),
        },
        body: {
          type: "https://stoplight.io/prism/errors#VIOLATIONS",
          title: "Request/Response not valid",
          status: 500,
          detail: "The mock's answer breaks the spec, so it was not sent: a bug of the mock or of the spec.",
          validation,
        },
      },
      false,
    ];
  }
  const { output } = outcome;
  return [{ status: output.statusCode, headers, body: output.body }, output.statusCode >= 400 && !chosen];
}

function mistakeReply(diagnostics: readonly Diagnostic[], mediaType: string, body: unknown): Reply {
  const drf = requestMistakeAnswer(diagnostics, mediaType, body);
  const violations = toViolations("request", diagnostics);
  return { status: drf.status, body: drf.body, headers: { "sl-violations": violationsHeader(violations) } };
}

/**
 * The body as Prism takes it: parsed JSON, a form as its text (Prism decodes it), nothing for an operation
 * without a request body (the real API does not read one there). A content type or charset the operation
 * does not take is a 415, JSON that does not parse a 400.
 */
function parseRequestBody(
  operation: Operation | undefined,
  headers: IncomingMessage["headers"],
  raw: Buffer,
): { value: unknown } | Reply {
  const declared = operation?.request?.body?.contents?.map((content) => content.mediaType) ?? [];
  if (raw.length === 0 || (operation !== undefined && declared.length === 0)) return { value: undefined };
  const encoding = headers["content-encoding"]?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== "" && encoding !== "identity") {
    // The API does not decompress bodies; decompressing here would let a small request take any memory.
    return detailReply(
      415,
      `Unsupported Content-Encoding "${encoding}" in request: send the body uncompressed.`,
    );
  }
  const contentType = headers["content-type"];
  const mediaType = mediaTypeOf(contentType);
  const json = isJsonContentType(contentType);
  const takes =
    operation === undefined ||
    declared.some((name) => name === mediaType || (json && name === "application/json"));
  if (!takes || !isAcceptedCharset(contentType)) {
    return detailReply(415, unsupportedMediaType(takes ? (contentType ?? "").trim() : mediaType || "(none)"));
  }
  if (!json) return { value: decodableForm(raw.toString("utf8")) };
  const parsed = parseJson(raw);
  return parsed.ok ? { value: parsed.value } : detailReply(400, parsed.detail);
}

function isDecodable(path: string): boolean {
  return decodes(path) && path.startsWith("/");
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A form body Prism can decode: one with a malformed percent-encoding (`is_active=%ff%`, on which Prism's
 * `decodeURIComponent` throws) is re-encoded as Django reads it, bad bytes as U+FFFD and a lone `%` as itself.
 */
function decodableForm(text: string): string {
  return decodes(text) ? text : new URLSearchParams(text).toString();
}

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

/** `Prefer: code=404, example=permanent, dynamic=true, seed=abc`; values that make no sense are ignored. */
function parsePrefer(header: string | undefined): Preferences {
  const preferences: Preferences = {};
  for (const part of (header ?? "").split(/[,;]/)) {
    const [name = "", value = ""] = part.split("=").map((item) => item.trim().replace(/^"|"$/g, ""));
    if (name === "code" && /^\d{3}$/.test(value)) preferences.code = Number(value);
    else if (name === "example" && value !== "") preferences.exampleKey = value;
    else if (name === "dynamic" && (value === "true" || value === "false"))
      preferences.dynamic = value === "true";
    else if (name === "seed" && value !== "") preferences.seed = value;
  }
  return preferences;
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

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
