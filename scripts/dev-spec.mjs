#!/usr/bin/env node
/**
 * `pnpm dev:spec` (one of the tasks of `pnpm dev`): watches spec/tokens.openapi.yaml; on save it regenerates
 * the client's types, rebuilds the client and type-checks the console (see lib/spec-loop.mjs).
 * Usage: node scripts/dev-spec.mjs [--root DIR] [--no-build]
 */
import { parseArgs } from "node:util";
import { SPEC_FILE } from "./lib/render-schema.mjs";
import { startSpecLoop } from "./lib/spec-loop.mjs";

const { values } = parseArgs({
  options: { root: { type: "string" }, "no-build": { type: "boolean" } },
});
const build = values["no-build"] !== true;
startSpecLoop({ ...(values.root ? { root: values.root } : {}), build, persistent: true });
console.log(
  `Watching ${SPEC_FILE}: a save regenerates the client's types${build ? ", rebuilds the client and type-checks the console" : ""}.`,
);
