/**
 * `@neuroio/tokens-mock`: a local mock of the NeuroIO tokens API (work in progress, see issue 4).
 * @module
 */
import { createRequire } from "node:module";

/** Absolute path of the OpenAPI document the mock serves. */
export const specPath: string = createRequire(import.meta.url).resolve("@neuroio/tokens-spec");
