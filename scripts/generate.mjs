#!/usr/bin/env node
/** `pnpm generate`: regenerates the client's typed `paths` from the spec. */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { renderSchema, SCHEMA_DISPLAY_PATH, SCHEMA_PATH } from "./lib/render-schema.mjs";

const next = await renderSchema();
const previous = await readFile(SCHEMA_PATH, "utf8").catch(() => null);
if (previous === next) {
  console.log(`${SCHEMA_DISPLAY_PATH} is up to date.`);
} else {
  await mkdir(dirname(SCHEMA_PATH), { recursive: true });
  await writeFile(SCHEMA_PATH, next);
  console.log(`Wrote ${SCHEMA_DISPLAY_PATH}.`);
}
