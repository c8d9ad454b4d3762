import { createServer } from "node:http";
import { createRequestHandler } from "./http/handler.js";
import { close, listen } from "./http/listen.js";
import type { LogSink } from "./log-sink.js";
import { createPrismLogger } from "./logger.js";
import { type MockServerOptions, type ResolvedMockServerOptions, resolveOptions } from "./options.js";
import { startPrismUpstream } from "./prism-upstream.js";
import { MOCK_PROBE, PROXY_PROBE, waitUntilAnswering } from "./ready.js";
import { loadOperations } from "./spec.js";
import { type StatefulUpstream, startStatefulUpstream } from "./stateful/upstream.js";
import type { Upstream } from "./upstream.js";

/** A running mock server. */
export interface MockServer {
  /** Base URL to point a client at, e.g. `http://127.0.0.1:4010` (no trailing slash). */
  readonly url: string;
  /** The port bound (the one picked when `port` was 0). */
  readonly port: number;
  /** The options in effect, defaults applied. */
  readonly options: ResolvedMockServerOptions;
  /**
   * Stateful mode: a key the server accepts now (the `token` option, else the first seeded token, else the
   * oldest active permanent one of the state file); `undefined` in the other modes, which accept any key.
   */
  readonly token: string | undefined;
  /** Stops the server: open connections are dropped and the port is free once the promise resolves. */
  close(): Promise<void>;
}

/**
 * Starts the mock of the NeuroIO tokens API in this process: Prism serving the spec of
 * `@neuroio/tokens-spec`, behind a wrapper that adds what Prism lacks (a 400 for malformed JSON, a 401 for an
 * `Authorization` that is not `Token <key>`, CORS that exposes `sl-violations`).
 *
 * Resolves once the server answers requests.
 * @example
 * const mock = await startMockServer({ port: 0 });
 * await fetch(`${mock.url}/v1/tokens/`, { headers: { Authorization: "Token abc" } });
 * await mock.close();
 * @throws {MockServerError} when an option is invalid, the spec is missing or the port is in use.
 * @throws {StateFileError} in stateful mode, when `statePath` names a file that is not a valid state.
 */
export async function startMockServer(
  options: MockServerOptions = {},
  logSink?: LogSink,
): Promise<MockServer> {
  const resolved = resolveOptions(options);
  const upstream = await startUpstream(resolved, logSink);
  const server = createServer({ keepAliveTimeout: 5_000 }, createRequestHandler(upstream));
  let port: number;
  try {
    port = await listen(server, resolved.port, resolved.host);
  } catch (error) {
    await upstream.close();
    throw error;
  }
  const url = `http://${formatHost(resolved.host)}:${port}`;
  const stop = async () => {
    await close(server);
    await upstream.close();
  };
  try {
    await waitUntilAnswering(url, resolved.proxy === undefined ? MOCK_PROBE : PROXY_PROBE);
  } catch (error) {
    await stop();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    options: resolved,
    token: "backend" in upstream ? upstream.backend.callerKey : undefined,
    close: () => {
      closing ??= stop();
      return closing;
    },
  };
}

/** Chooses what answers checked requests: Prism (mock or proxy), or Prism in front of the stateful backend. */
async function startUpstream(
  options: ResolvedMockServerOptions,
  logSink: LogSink | undefined,
): Promise<Upstream | StatefulUpstream> {
  const operations = await loadOperations(options.specPath);
  const logger = createPrismLogger(options.quiet, logSink, options.verbose);
  if (options.stateful) {
    const { seedTokens, token, statePath, now } = options;
    return startStatefulUpstream({ operations, logger, backend: { seedTokens, token, statePath, now } });
  }
  return startPrismUpstream({
    operations,
    logger,
    dynamic: options.dynamic,
    seed: options.seed,
    errors: options.errors,
    proxy: options.proxy,
  });
}

function formatHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}
