/**
 * The `pnpm dev` spec loop: from the write of an edited spec to `schema.ts` rewritten, on a copy of the spec
 * and the generated file (the loop's generate step only; the client rebuild after it is tsc's time).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, SCHEMA_FILE, SPEC_FILE } from "../../../../scripts/lib/render-schema.mjs";
import { startSpecLoop } from "../../../../scripts/lib/spec-loop.mjs";
import { median } from "../lib/stats.mjs";

const ORIGINAL = "How many tokens to return at most.";

/**
 * @param {{ edits?: number }} options
 * @returns {Promise<{ medianMs: number, maxMs: number }>}
 */
export async function runSpecLoop({ edits = 5 } = {}) {
  const root = await mkdtemp(join(tmpdir(), "neuroio-bench-spec-loop-"));
  await cp(join(REPO_ROOT, SPEC_FILE), join(root, SPEC_FILE));
  await cp(join(REPO_ROOT, SCHEMA_FILE), join(root, SCHEMA_FILE));
  const spec = await readFile(join(root, SPEC_FILE), "utf8");
  if (!spec.includes(ORIGINAL)) throw new Error(`the spec no longer holds "${ORIGINAL}"`);
  const loop = startSpecLoop({ root, build: false, log: () => {} });
  const times = [];
  try {
    await new Promise((resolve) => setTimeout(resolve, 300)); // the watch is set up
    for (let i = 0; i < edits; i++) {
      const marker = `Edit ${i} ${Date.now()}, at most this many.`;
      await writeFile(join(root, SPEC_FILE), spec.replace(ORIGINAL, marker));
      const written = performance.now();
      for (;;) {
        if ((await readFile(join(root, SCHEMA_FILE), "utf8")).includes(marker)) break;
        if (performance.now() - written > 30_000) throw new Error("schema.ts did not follow within 30 s");
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      times.push(performance.now() - written);
      await loop.settled();
    }
  } finally {
    loop.close();
    await rm(root, { recursive: true, force: true });
  }
  return { medianMs: median(times), maxMs: Math.max(...times) };
}
