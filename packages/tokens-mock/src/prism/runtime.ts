import type * as PrismHttp from "@stoplight/prism-http";
import { requireJsonSchemaFaker, requirePrismHttp } from "./prism-require.js";

/** Prism's description of one operation of the spec (method, path, parameters, responses). */
export type Operation = Awaited<ReturnType<typeof PrismHttp.getHttpOperationsFromSpec>>[number];

let loaded: typeof PrismHttp | undefined;

/**
 * `@stoplight/prism-http`, loaded on first use (it is large: importing the package stays cheap), with its
 * generator set to fill in only the properties the spec declares. json-schema-faker otherwise fills every
 * object that does not forbid additional properties with random extra keys (`"dolor_3": 12`), which a
 * frontend would render as garbage (Prism's CLI flag `--json-schema-faker-fillProperties=false`).
 */
export function prismHttp(): typeof PrismHttp {
  if (loaded === undefined) {
    loaded = requirePrismHttp();
    try {
      requireJsonSchemaFaker().JSONSchemaFaker.option("fillProperties", false);
    } catch {
      // Not fatal: generated bodies then carry extra keys; the tests of dynamic mode catch it.
    }
  }
  return loaded;
}
