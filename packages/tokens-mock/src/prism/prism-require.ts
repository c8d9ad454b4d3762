import { createRequire } from "node:module";
import type * as PrismHttp from "@stoplight/prism-http";

const requireHere = createRequire(import.meta.url);

/** The part of json-schema-faker the mock configures. */
export interface JsonSchemaFakerModule {
  JSONSchemaFaker: { option(name: string, value: unknown): void };
}

/**
 * Where Prism's code comes from, in one module: `require`d on demand, so importing the package stays cheap.
 * The CLI's one-file bundle (scripts/bundle-cli.mjs) replaces this module with static `require`s of the
 * bundled copies; nothing else of the mock loads Prism's runtime.
 */
export function requirePrismHttp(): typeof PrismHttp {
  return requireHere("@stoplight/prism-http") as typeof PrismHttp;
}

/**
 * A module of `@stoplight/prism-http` by its path inside the package (`dist/validator`, `dist/mocker`,
 * `dist/router`): the parts the engine wraps.
 */
export function requirePrismPart(part: "dist/validator" | "dist/mocker" | "dist/router"): unknown {
  return requireHere(`@stoplight/prism-http/${part}`);
}

/** The version of `@stoplight/prism-http` this module loads (the spec cache's entries depend on it). */
export function prismHttpVersion(): string {
  return (requireHere("@stoplight/prism-http/package.json") as { version: string }).version;
}

/** The json-schema-faker of `@stoplight/prism-http` (its dependency, not ours): the instance Prism generates with. */
export function requireJsonSchemaFaker(): JsonSchemaFakerModule {
  return createRequire(requireHere.resolve("@stoplight/prism-http"))(
    "json-schema-faker",
  ) as JsonSchemaFakerModule;
}
