import { createRequire } from "node:module";
import { MockServerError } from "./errors.js";

/**
 * Absolute path of the OpenAPI document of `@neuroio/tokens-spec`, the one the mock serves by default.
 * @throws {MockServerError} `SPEC_NOT_FOUND` when the package is not installed.
 */
export function defaultSpecPath(): string {
  try {
    return createRequire(import.meta.url).resolve("@neuroio/tokens-spec");
  } catch (error) {
    throw new MockServerError(
      "SPEC_NOT_FOUND",
      "Spec not found: the package @neuroio/tokens-spec is not installed (run pnpm install).",
      { cause: error },
    );
  }
}
