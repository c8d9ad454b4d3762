import { createRequire } from "node:module";
import { requireFromPrismServer } from "./prism-modules.js";

interface JsonSchemaFaker {
  option(name: string, value: unknown): void;
}

/**
 * Makes generated bodies (`--dynamic`, `Prefer: dynamic=true`) hold only the properties the spec declares.
 * Prism's generator (json-schema-faker) otherwise fills every object that does not forbid additional
 * properties with random extra keys (`"dolor_3": 12`), which a frontend would render as garbage. Prism's CLI
 * turns this off with `--json-schema-faker-fillProperties=false`; from Node code the option is set on the
 * generator instance Prism's server uses (process-wide, like Prism's own setting).
 * @returns Whether the generator was found and configured.
 */
export function disableFillerProperties(): boolean {
  try {
    const prismHttp = requireFromPrismServer().resolve("@stoplight/prism-http");
    const faker = createRequire(prismHttp)("json-schema-faker") as { JSONSchemaFaker: JsonSchemaFaker };
    faker.JSONSchemaFaker.option("fillProperties", false);
    return true;
  } catch {
    // Not fatal: generated bodies then carry the extra keys; the tests of dynamic mode catch it.
    return false;
  }
}
