/**
 * The reload section of `pnpm bench`: each mock serves a copy of the spec with live reload on; the bench
 * edits an example in the copy (a token key of the list example) and times from the end of the write to the
 * first `GET /v1/tokens/` that answers the new key. Several edits per mock; median and maximum.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startAndWait, stopChild } from "../lib/child.mjs";
import { median } from "../lib/stats.mjs";
import { listUrl } from "./bench.mjs";
import { MOCK_CONTENDERS, SPEC } from "./contenders.mjs";

/** A key of the list example of the spec: each edit replaces it with a fresh one. */
const EDITED_KEY = "3c59dc048e8850243be8079a5c74d079f1c7d8a0";
/** An edit not served by then counts as missed (the hard limit is 1 s). */
const GIVE_UP_MS = 5_000;
/** Quiet time between two edits, so that each is its own reload and not a debounced burst. */
const PAUSE_MS = 400;

/**
 * @param {{ edits?: number }} options
 * @returns {Promise<{ name: string, medianMs: number | undefined, maxMs: number | undefined, missed: number }[]>}
 */
export async function runMockReload({ edits = 7 } = {}) {
  const original = readFileSync(SPEC, "utf8");
  if (!original.includes(EDITED_KEY)) throw new Error(`the spec no longer holds the key ${EDITED_KEY}`);
  const results = [];
  for (const { name, command } of MOCK_CONTENDERS) {
    const dir = mkdtempSync(join(tmpdir(), "neuroio-bench-reload-"));
    const spec = join(dir, "tokens.openapi.yaml");
    writeFileSync(spec, original);
    const port = await freePort();
    const { child } = await startAndWait(command(port, spec), listUrl(port));
    const times = [];
    let missed = 0;
    try {
      await sleep(PAUSE_MS); // let the watch settle after the start
      for (let i = 0; i < edits; i++) {
        const key = randomBytes(20).toString("hex");
        writeFileSync(spec, original.replaceAll(EDITED_KEY, key));
        const written = performance.now();
        const served = await untilServed(listUrl(port), key, written + GIVE_UP_MS);
        if (served === undefined) missed += 1;
        else times.push(served - written);
        await sleep(PAUSE_MS);
      }
    } finally {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    }
    results.push({
      name,
      medianMs: times.length > 0 ? median(times) : undefined,
      maxMs: times.length > 0 ? Math.max(...times) : undefined,
      missed,
    });
  }
  return results;
}

/** Polls `url` until its body contains `text`; the time it did, or `undefined` past `deadline`. */
async function untilServed(url, text, deadline) {
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url, { headers: { authorization: "Token bench" } });
      if ((await response.text()).includes(text)) return performance.now();
    } catch {
      // restarting (a tool that reloads by restarting its server): keep polling
    }
    await sleep(5);
  }
  return undefined;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
