#!/usr/bin/env node
/**
 * Size budget (`pnpm size`): bundles the size-entries for the browser and fails when the tokens-client entry is
 * above 6,144 bytes gzip -9 (create client + `tokens.list`; openapi-fetch alone is 2,688 B of it). Prints it
 * beside openapi-fetch alone and beside the old SDK `@neuroio/rest-api` 4.2.2 making the same call, which
 * must be at least 5x the size.
 *
 * `--ceiling N` (what CI runs, through this package's `test`) fails above N bytes instead, and still prints
 * whether the budget is met: the line CI holds while the bundle is above the budget (see docs/benchmarks.md).
 */
import { fileURLToPath } from "node:url";
import { bundleSize } from "./lib/bundle-size.mjs";
import { bytes, markdownTable, ratio } from "./lib/format.mjs";

/** The budget for create-client-and-list, gzip level 9. */
export const BUDGET_BYTES = 6144;

/** How many times smaller than the old SDK's same call the client's bundle must be. */
export const MIN_RATIO_VS_OLD_SDK = 5;

/**
 * Reads `--ceiling N` from the command line.
 * @param {string[]} argv the arguments after the script
 * @returns {number} the byte limit to enforce: N, or the budget when the flag is absent
 */
export function limitFromArgs(argv) {
  const at = argv.indexOf("--ceiling");
  if (at === -1) return BUDGET_BYTES;
  const value = Number(argv[at + 1]);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`--ceiling needs a positive whole number of bytes, got ${JSON.stringify(argv[at + 1])}`);
  }
  return value;
}

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
  const limit = limitFromArgs(process.argv.slice(2));
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
  const verdict = client > BUDGET_BYTES ? "MISSED" : "met";
  console.log(`\nBudget ${bytes(BUDGET_BYTES)} gzip: tokens-client uses ${bytes(client)} (${verdict}).`);
  const ratioVerdict = oldRatio >= MIN_RATIO_VS_OLD_SDK ? "met" : "MISSED";
  console.log(
    `The old SDK is ${ratio(oldRatio)} the size (target: at least ${ratio(MIN_RATIO_VS_OLD_SDK)}, ${ratioVerdict}).`,
  );
  if (limit !== BUDGET_BYTES) console.log(`Ceiling enforced here: ${bytes(limit)} gzip.`);
  if (client > limit) {
    console.error(`\nSize limit exceeded: ${bytes(client)} > ${bytes(limit)} gzip. Minified bytes by file:`);
    for (const [file, size] of sizes.tokensClient.inputs)
      console.error(`  ${bytes(size).padStart(9)}  ${file}`);
    process.exitCode = 1;
  }
}
