/** The generation pipeline: deterministic output, and a stale file caught with a readable message. */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findStaleSchema, REPO_ROOT, SCHEMA_FILE, SPEC_FILE, writeSchema } from "../lib/render-schema.mjs";

let root;

beforeEach(async () => {
  // A throwaway copy of the spec and the committed output, so the test never touches the real tree.
  root = await mkdtemp(join(tmpdir(), "neuroio-generate-"));
  await cp(join(REPO_ROOT, SPEC_FILE), join(root, SPEC_FILE), { recursive: true });
  await cp(join(REPO_ROOT, SCHEMA_FILE), join(root, SCHEMA_FILE), { recursive: true });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("generation", () => {
  it("finds the committed output fresh, and regenerating it changes no byte", async () => {
    const before = await readFile(join(root, SCHEMA_FILE));
    expect(await findStaleSchema(root)).toBeNull();
    expect(await writeSchema(root)).toBe(false);
    expect(await readFile(join(root, SCHEMA_FILE))).toEqual(before);
  });

  it("starts the file with a do-not-edit header", async () => {
    const text = await readFile(join(root, SCHEMA_FILE), "utf8");
    expect(text.startsWith("/**\n * DO NOT EDIT.")).toBe(true);
  });

  it("names the stale file when a description in the spec changed, and generate fixes it", async () => {
    const specPath = join(root, SPEC_FILE);
    const spec = await readFile(specPath, "utf8");
    const edited = spec.replace("How many tokens to return at most.", "At most this many tokens.");
    expect(edited).not.toBe(spec);
    await writeFile(specPath, edited);

    const problem = await findStaleSchema(root);
    expect(problem).toContain(`${SCHEMA_FILE} is stale`);
    expect(problem).toContain("At most this many tokens.");
    expect(problem).toContain("pnpm generate");

    expect(await writeSchema(root)).toBe(true);
    expect(await readFile(join(root, SCHEMA_FILE), "utf8")).toContain("At most this many tokens.");
    expect(await findStaleSchema(root)).toBeNull();
  });

  it("reports a missing output file", async () => {
    await rm(join(root, SCHEMA_FILE));
    expect(await findStaleSchema(root)).toMatch(/is missing/);
  });
});
