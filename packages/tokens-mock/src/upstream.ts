import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * What answers a request once the wrapper's own checks (CORS preflight, `Authorization`, malformed JSON) have
 * passed. The Prism upstream ({@link startPrismUpstream}) serves the spec's examples or proxies a real server;
 * another upstream can be plugged in by `startMockServer` without touching the checks.
 */
export interface Upstream {
  /**
   * Answers one request. `body` is the request body, already read (empty when there was none). The
   * upstream must end `response`; CORS headers are already set on it.
   */
  handle(request: IncomingMessage, body: Buffer, response: ServerResponse): Promise<void>;
  /** Whether the wrapper checks `Authorization` itself (a proxied real server does its own checks). */
  readonly checksAuthorization: boolean;
  /** Stops the upstream and frees what it holds. */
  close(): Promise<void>;
}
