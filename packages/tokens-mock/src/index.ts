/**
 * `@neuroio/tokens-mock`: a local mock of the NeuroIO tokens API, built on Prism and the spec of
 * `@neuroio/tokens-spec`. Start it with {@link startMockServer} or the `neuroio-tokens-mock` CLI.
 * @module
 */
export { MockServerError, type MockServerErrorCode } from "./errors.js";
export type { LogSink, MockMode, MockServerOptions, ResolvedMockServerOptions } from "./options.js";
export { type MockServer, startMockServer } from "./start.js";
