/**
 * `@neuroio/tokens-client`: the typed client of the NeuroIO tokens API.
 * @module
 */
export type { components, operations, paths } from "./generated/schema.js";
