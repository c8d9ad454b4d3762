#!/usr/bin/env node
/** `pnpm check:generated`: fails when the committed generated types differ from what the spec produces. */
import { readFile } from "node:fs/promises";
import { renderSchema, SCHEMA_DISPLAY_PATH, SCHEMA_PATH } from "./lib/render-schema.mjs";

const expected = await renderSchema();
const actual = await readFile(SCHEMA_PATH, "utf8").catch(() => null);
if (actual === null) {
  console.error(`✗ ${SCHEMA_DISPLAY_PATH} is missing. Run \`pnpm generate\` and commit the result.`);
  process.exit(1);
}
if (actual !== expected) {
  const a = actual.split("\n");
  const e = expected.split("\n");
  const line = e.findIndex((text, i) => text !== a[i]);
  console.error(
    `✗ ${SCHEMA_DISPLAY_PATH} is stale: it does not match spec/tokens.openapi.yaml.\n` +
      `  First difference at line ${line + 1}:\n` +
      `    committed: ${JSON.stringify(a[line] ?? "<end of file>")}\n` +
      `    expected:  ${JSON.stringify(e[line] ?? "<end of file>")}\n` +
      "  Run `pnpm generate` and commit the result.",
  );
  process.exit(1);
}
console.log(`✓ ${SCHEMA_DISPLAY_PATH} matches the spec.`);
