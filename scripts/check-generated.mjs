#!/usr/bin/env node
/** `pnpm check:generated`: fails when the committed generated types differ from what the spec produces. */
import { findStaleSchema, SCHEMA_FILE } from "./lib/render-schema.mjs";

const problem = await findStaleSchema();
if (problem) {
  console.error(`✗ ${problem}`);
  process.exit(1);
}
console.log(`✓ ${SCHEMA_FILE} matches the spec.`);
