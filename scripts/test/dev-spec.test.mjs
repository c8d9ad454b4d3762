/**
 * The spec loop of `pnpm dev` on a copy of the spec: dev-spec.mjs run as `pnpm dev` runs it, beside the mock
 * watching the same file (as `dev:mock` does). A save regenerates schema.ts and the mock serves the edit; a
 * broken save is reported once and leaves schema.ts as it was; the fix regenerates.
 */
import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stopChild } from "@neuroio/test-support/processes";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startMockServer } from "../../packages/tokens-mock/dist/index.js";
import { REPO_ROOT, SCHEMA_FILE, SPEC_FILE } from "../lib/render-schema.mjs";

const SCRIPT = fileURLToPath(new URL("../dev-spec.mjs", import.meta.url));
/** Conditions are polled with a generous deadline: the machine's speed must not decide the outcome. */
const EVENTUALLY = { timeout: 60_000, interval: 50 };

let root;
let child;
let mock;
let output = "";

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "neuroio-dev-spec-"));
  await cp(join(REPO_ROOT, SPEC_FILE), join(root, SPEC_FILE));
  await cp(join(REPO_ROOT, SCHEMA_FILE), join(root, SCHEMA_FILE));
  output = "";
  child = spawn(process.execPath, [SCRIPT, "--root", root, "--no-build"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  await vi.waitFor(() => expect(output).toContain("Watching"), EVENTUALLY);
}, 120_000);

afterEach(async () => {
  await mock?.close();
  await stopChild(child);
  await rm(root, { recursive: true, force: true });
}, 120_000);

describe("dev-spec.mjs (pnpm dev)", { timeout: 300_000 }, () => {
  it("regenerates schema.ts and the mock serves the edit; a broken save is reported once, schema.ts kept; the fix regenerates", async () => {
    const specPath = join(root, SPEC_FILE);
    const schemaPath = join(root, SCHEMA_FILE);
    mock = await startMockServer({ port: 0, quiet: true, specPath, watch: true });
    const listed = async () => {
      const response = await fetch(`${mock.url}/v1/tokens/`, {
        headers: { authorization: "Token dev-loop" },
      });
      return response.text();
    };
    const spec = await readFile(specPath, "utf8");
    const edited = spec
      .replace("How many tokens to return at most.", "At most this many tokens.")
      .replaceAll("3c59dc048e8850243be8079a5c74d079f1c7d8a0", "0123456789abcdef0123456789abcdef01234567");
    expect(edited).not.toBe(spec);

    await writeFile(specPath, edited);
    await vi.waitFor(
      async () => expect(await listed()).toContain("0123456789abcdef0123456789abcdef01234567"),
      EVENTUALLY,
    );
    await vi.waitFor(
      async () => expect(await readFile(schemaPath, "utf8")).toContain("At most this many tokens."),
      EVENTUALLY,
    );
    expect(output).toContain(`↻ ${SCHEMA_FILE} regenerated in`);
    const good = await readFile(schemaPath, "utf8");

    const broken = edited.replace("At most this many tokens.", "At most [this many tokens.\n  bad: [");
    await writeFile(specPath, broken);
    await vi.waitFor(() => expect(output).toContain("✗"), EVENTUALLY);
    expect(output).toMatch(new RegExp(`✗ ${SPEC_FILE.replaceAll(".", "\\.")}:\\d+: .*generation failed`));
    await writeFile(specPath, `${broken}\n`); // broken the same way, saved again
    await writeFile(specPath, broken);
    const fixed = edited.replace("At most this many tokens.", "Fixed, at most this many.");
    await writeFile(specPath, fixed);
    await vi.waitFor(
      async () => expect(await readFile(schemaPath, "utf8")).toContain("Fixed, at most this many."),
      EVENTUALLY,
    );
    expect(good).toContain("At most this many tokens."); // what stayed while the spec was broken
    expect(output.match(/✗/g)).toHaveLength(1);
  });
});
