import { createRequire } from "node:module";
import type * as PrismHttp from "@stoplight/prism-http";

const requireHere = createRequire(import.meta.url);

/**
 * A `require` that resolves from inside `@stoplight/prism-http-server`, i.e. sees the exact dependency
 * versions Prism's server runs with (its own `@stoplight/prism-http` and `json-schema-faker`).
 */
export function requireFromPrismServer(): NodeJS.Require {
  return createRequire(requireHere.resolve("@stoplight/prism-http-server"));
}

/**
 * The `@stoplight/prism-http` that Prism's server uses. Reading the spec with this copy instead of a copy of
 * our own keeps one Prism in memory and saves about 0.4 s of start-up, and the operations come from the same
 * version that serves them. The package depends on `@stoplight/prism-http` only for its types (a
 * devDependency): at run time this is the only copy loaded.
 */
export function prismHttpOfServer(): typeof PrismHttp {
  return requireFromPrismServer()("@stoplight/prism-http") as typeof PrismHttp;
}
