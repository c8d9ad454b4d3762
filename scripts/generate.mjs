#!/usr/bin/env node
/** `pnpm generate`: regenerates the client's typed `paths` from the spec. */
import { SCHEMA_FILE, writeSchema } from "./lib/render-schema.mjs";

console.log((await writeSchema()) ? `Wrote ${SCHEMA_FILE}.` : `${SCHEMA_FILE} is up to date.`);
