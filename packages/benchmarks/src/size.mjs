#!/usr/bin/env node
/**
 * Size budget (`pnpm size`, and in CI through this package's `test`): bundles the size-entries for the browser
 * and fails when the tokens-client entry is above 4,096 bytes gzip -9. Prints it beside openapi-fetch alone
 * and beside the old SDK `@neuroio/rest-api` 4.2.2 making the same call.
 */
import { fileURLToPath } from "node:url";
import { bundleSize } from "./lib/bundle-size.mjs";
import { bytes, markdownTable, ratio } from "./lib/format.mjs";

/** The budget for create-client-and-list, gzip level 9. */
export const BUDGET_BYTES = 4096;

const entry = (name) => fileURLToPath(new URL(`./size-entries/${name}.mjs`, import.meta.url));

/**
 * Measures the three entries.
 * @returns {Promise<Record<"tokensClient" | "openapiFetch" | "restApi", { minified: number, gzip: number }>>}
 */
export async function measureSizes() {
  const [tokensClient, openapiFetch, restApi] = await Promise.all(
    ["tokens-client", "openapi-fetch", "rest-api"].map((name) => bundleSize(entry(name))),
  );
  return { tokensClient, openapiFetch, restApi };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = await measureSizes();
  const client = sizes.tokensClient.gzip;
  const row = (name, { minified, gzip }) => [name, bytes(minified), bytes(gzip), ratio(gzip / client)];
  console.log(
    markdownTable(
      [
        "create client + tokens.list (browser, esbuild ESM, minified)",
        "minified",
        "gzip -9",
        "vs tokens-client",
      ],
      [
        row("@neuroio/tokens-client", sizes.tokensClient),
        row("openapi-fetch alone", sizes.openapiFetch),
        row("@neuroio/rest-api 4.2.2", sizes.restApi),
      ],
    ),
  );
  const oldRatio = sizes.restApi.gzip / client;
  console.log(`\nBudget ${bytes(BUDGET_BYTES)} gzip: tokens-client uses ${bytes(client)}.`);
  console.log(`The old SDK is ${ratio(oldRatio)} the size (target: at least 7.00x).`);
  if (client > BUDGET_BYTES) {
    console.error(
      `\nSize budget exceeded: ${bytes(client)} > ${bytes(BUDGET_BYTES)} gzip. Minified bytes by file:`,
    );
    for (const [file, size] of sizes.tokensClient.inputs)
      console.error(`  ${bytes(size).padStart(9)}  ${file}`);
    process.exitCode = 1;
  }
}
