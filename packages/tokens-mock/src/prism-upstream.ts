import {
  Agent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import prismHttpServer from "@stoplight/prism-http-server";
import { disableFillerProperties } from "./generator.js";
import type { PrismLogger } from "./logger.js";
import type { Operation } from "./spec.js";
import type { Upstream } from "./upstream.js";

/** How Prism answers: from the spec's examples (optionally generated), or by proxying a real server. */
export interface PrismUpstreamOptions {
  operations: Operation[];
  logger: PrismLogger;
  dynamic: boolean;
  seed: string | undefined;
  errors: boolean;
  proxy: URL | undefined;
  /** Changes Prism's answer before it is sent (stateful mode turns request violations into a 500). */
  rewrite?: (answer: PrismAnswer) => PrismAnswer;
}

/** An answer of Prism, buffered: what {@link PrismUpstreamOptions.rewrite} receives and returns. */
export interface PrismAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

type PrismConfig = Parameters<typeof prismHttpServer.createServer>[1]["config"];

/** Hop-by-hop headers (RFC 9110 §7.6.1) and the CORS headers the wrapper sets itself. */
const DROPPED_RESPONSE_HEADERS = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "access-control-allow-origin",
  "access-control-allow-credentials",
  "access-control-allow-headers",
  "access-control-expose-headers",
]);

/**
 * Starts Prism's HTTP server in this process, on a free loopback port only the wrapper talks to, and returns
 * the {@link Upstream} that forwards checked requests to it. Prism stays unmodified: its routing, `Prefer`
 * handling, validation and `sl-violations` reporting are used as they are.
 */
export async function startPrismUpstream(options: PrismUpstreamOptions): Promise<Upstream> {
  disableFillerProperties();
  const server = prismHttpServer.createServer(options.operations, {
    // The wrapper answers preflights and sets every CORS header, so Prism's own CORS stays off.
    cors: false,
    config: prismConfig(options),
    components: { logger: options.logger },
  });
  const origin = await server.listen(0, "127.0.0.1");
  const { hostname, port } = new URL(origin);
  const agent = new Agent({ keepAlive: true });
  return {
    checksAuthorization: options.proxy === undefined,
    handle: (request, body, response) =>
      forward({ hostname, port: Number(port), agent, rewrite: options.rewrite }, request, body, response),
    async close() {
      agent.destroy();
      await server.close();
    },
  };
}

function prismConfig(options: PrismUpstreamOptions): PrismConfig {
  const shared = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: options.errors,
    upstreamProxy: undefined,
    mock: { dynamic: options.dynamic, ...(options.seed === undefined ? {} : { seed: options.seed }) },
  };
  return options.proxy === undefined
    ? { ...shared, isProxy: false }
    : { ...shared, isProxy: true, upstream: options.proxy };
}

interface Target {
  hostname: string;
  port: number;
  agent: Agent;
  rewrite: ((answer: PrismAnswer) => PrismAnswer) | undefined;
}

/** Sends the request to Prism and copies its answer back; mock answers are small, so it is buffered. */
function forward(
  target: Target,
  request: IncomingMessage,
  body: Buffer,
  response: ServerResponse,
): Promise<void> {
  return new Promise((resolve) => {
    const upstreamRequest = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        agent: target.agent,
        method: request.method,
        path: request.url,
        headers: requestHeaders(request.headers, body),
      },
      (upstreamResponse) => {
        const chunks: Buffer[] = [];
        upstreamResponse.on("data", (chunk: Buffer) => chunks.push(chunk));
        upstreamResponse.on("end", () => {
          const received = {
            status: upstreamResponse.statusCode ?? 502,
            headers: upstreamResponse.headers,
            body: Buffer.concat(chunks),
          };
          const answer = rewriteSafely(target.rewrite, received);
          for (const [name, value] of Object.entries(answer.headers)) {
            if (value !== undefined && !DROPPED_RESPONSE_HEADERS.has(name)) response.setHeader(name, value);
          }
          response.setHeader("content-length", answer.body.length);
          response.writeHead(answer.status);
          response.end(answer.body);
          resolve();
        });
        upstreamResponse.on("error", () => fail(response, resolve));
      },
    );
    upstreamRequest.on("error", () => fail(response, resolve));
    upstreamRequest.end(body);
  });
}

/** Applies the rewrite hook; a hook that throws leaves the answer as Prism gave it, never a hung response. */
function rewriteSafely(rewrite: Target["rewrite"], answer: PrismAnswer): PrismAnswer {
  if (!rewrite) return answer;
  try {
    return rewrite(answer);
  } catch {
    return answer;
  }
}

function requestHeaders(headers: IncomingHttpHeaders, body: Buffer): IncomingHttpHeaders {
  const copy: IncomingHttpHeaders = { ...headers };
  delete copy.connection;
  delete copy["keep-alive"];
  delete copy["transfer-encoding"];
  // Prism reads a body only when a length is declared, so an empty body is sent as an explicit 0.
  copy["content-length"] = String(body.length);
  return copy;
}

function fail(response: ServerResponse, done: () => void): void {
  if (!response.headersSent) {
    response.writeHead(502, { "content-type": "application/json" });
    response.end(JSON.stringify({ detail: "The mock's Prism server did not answer." }));
  } else {
    response.destroy();
  }
  done();
}
