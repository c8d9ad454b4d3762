/**
 * `@neuroio/tokens-mock`: a local mock of the NeuroIO tokens API, built on Prism and the spec of
 * `@neuroio/tokens-spec`. Start it with {@link startMockServer} or the `neuroio-tokens-mock` CLI.
 * @module
 */
export { MockServerError, type MockServerErrorCode } from "./errors.js";
export type { LogSink } from "./log-sink.js";
export { DEFAULT_HOST, type MockServerOptions, type ResolvedMockServerOptions } from "./options.js";
export { defaultSpecPath } from "./spec-path.js";
export { type MockServer, startMockServer } from "./start.js";
export {
  type StatefulBackend,
  type StatefulBackendOptions,
  startStatefulBackend,
} from "./stateful/backend.js";
export type { StatefulMockOptions } from "./stateful/options.js";
export { STATE_FORMAT, StateFileError } from "./stateful/state-file.js";
export type { StoredToken } from "./stateful/store.js";
