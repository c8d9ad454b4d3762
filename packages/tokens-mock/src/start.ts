import { createServer } from "node:http";
import {
  type LogSink,
  type MockServerOptions,
  type ResolvedMockServerOptions,
  resolveOptions,
} from "./options.js";
import { formatSpecProblem } from "./prism/check-spec.js";
import { createEngine, type EngineOptions } from "./prism/engine.js";
import { followRequest, type SpecOperation } from "./prism/follow-request.js";
import { formFields, type PrismInput, proxyCall } from "./prism/forward.js";
import { loadSpec, readOperations, type SpecHolder } from "./prism/spec.js";
import { type FileWatcher, watchSpec } from "./prism/watch-spec.js";
import { createRequestHandler } from "./server/front.js";
import { close, listen } from "./server/listen.js";
import { createLog } from "./server/log.js";
import { openStatefulApi } from "./stateful/api.js";

/** A running mock server. */
export interface MockServer {
  /** Base URL to point a client at, e.g. `http://127.0.0.1:4010` (no trailing slash). */
  readonly url: string;
  /** The port bound (the one picked when `port` was 0). */
  readonly port: number;
  /** The options in effect, defaults applied, resolved into one `mode`. */
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
 * Starts the mock of the NeuroIO tokens API in this process: a `node:http` front (CORS, `Authorization`,
 * limits, the real API's error answers) calling Prism in-process, which answers from the spec's examples,
 * a real server (`proxy`) or the in-memory API (`stateful`) and checks every request and response.
 *
 * Resolves once the server accepts requests.
 * @example
 * const mock = await startMockServer({ port: 0 });
 * await fetch(`${mock.url}/v1/tokens/`, { headers: { Authorization: "Token abc" } });
 * await mock.close();
 * @param logSink Where log lines go; stderr by default.
 * @throws {MockServerError} when an option is invalid, the spec is missing, the port is in use, or (stateful)
 * the state file cannot be used.
 */
export async function startMockServer(
  options: MockServerOptions = {},
  logSink?: LogSink,
): Promise<MockServer> {
  const resolved = resolveOptions(options);
  const { mode } = resolved;
  const log = createLog({ quiet: resolved.quiet, verbose: resolved.verbose, sink: logSink });
  const spec = await loadSpec(resolved.specPath);
  const api = mode === "stateful" ? await openStatefulApi(resolved, log.error) : undefined;
  const engine = createEngine({
    logger: log.prism,
    dynamic: mode === "dynamic",
    seed: resolved.seed,
    refuseInvalid: mode === "stateful" || resolved.errors,
    ...(api ? { forward: async (input: PrismInput) => api.handle(input) } : {}),
    ...(resolved.proxy ? { forward: proxyCall(resolved.proxy) } : {}),
    ...(mode === "examples" ? { adjust: followExamples(spec) } : {}),
  });
  const handler = createRequestHandler({
    spec,
    engine,
    log,
    checksAuthorization: mode !== "proxy",
    answersRouting: mode !== "proxy" || resolved.errors,
    refusesBadResponses: resolved.errors,
    ...(api ? { checkCaller: api.unauthorized } : {}),
  });
  const server = createServer({ keepAliveTimeout: 5_000 }, handler);
  let port: number;
  let watcher: FileWatcher | undefined;
  try {
    port = await listen(server, resolved.port, resolved.host);
    if (resolved.watch) watcher = await watchAndSwap(spec, log);
  } catch (error) {
    await close(server).catch(() => {});
    await api?.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    url: `http://${resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host}:${port}`,
    port,
    options: resolved,
    token: api?.callerKey,
    close: () => {
      watcher?.close();
      closing ??= close(server).then(() => api?.close());
      return closing;
    },
  };
}

/**
 * Reloads the spec when its file changes. The swap is one assignment: a request reads `spec.operations` once,
 * synchronously, when it reaches Prism, so requests in flight finish on the spec they started with. The
 * stateful store lives apart from the spec and is untouched.
 */
function watchAndSwap(spec: SpecHolder, log: ReturnType<typeof createLog>): Promise<FileWatcher> {
  return watchSpec({
    file: spec.path,
    load: readOperations,
    onReload: (operations, elapsedMs) => {
      spec.operations = operations;
      log.info(`spec reloaded in ${Math.round(elapsedMs)} ms`);
    },
    onProblem: (problem) =>
      log.error(`spec not reloaded, still serving the last good one: ${formatSpecProblem(problem)}`),
  });
}

/** Examples mode: the spec's example that fits the request (see `followRequest`), not always the first. */
function followExamples(spec: SpecHolder): NonNullable<EngineOptions["adjust"]> {
  return (operation, input, output) => {
    const index = operation.path.split("/").findIndex((part) => part.startsWith("{"));
    const segment = index < 0 ? undefined : input.url.path.split("/")[index];
    const followed = followRequest(
      // Prism's example type is wider (external examples have no `value`), which `followRequest` skips.
      spec.operations as unknown as readonly SpecOperation[],
      {
        operationId: operation.iid ?? "",
        tokenIdOrKey: segment === undefined ? undefined : decodeURIComponent(segment),
        query: input.url.query ?? {},
        body: typeof input.body === "string" ? formFields(input.body) : input.body,
        contentType: input.headers?.["content-type"],
      },
      { status: output.statusCode, body: output.body },
    );
    // A 204 turned into a 400 has a body now, and Prism gave no Content-Type for none.
    const headers =
      followed.body === undefined
        ? output.headers
        : { ...output.headers, "content-type": "application/json" };
    return { ...output, statusCode: followed.status, headers, body: followed.body };
  };
}
