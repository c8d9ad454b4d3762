/**
 * The cache of loaded specs (src/prism/spec-cache.ts): an entry gives back exactly the operations Prism made
 * (shared schemas, cycles, key order), only for the exact bytes it was made from; a corrupt, planted or
 * foreign entry is ignored and a store rewrites it.
 */
import {
  chmodSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSpecText } from "../../src/prism/check-spec.js";
import { encodeGraph } from "../../src/prism/graph-json.js";
import { type Operation, prismHttp } from "../../src/prism/runtime.js";
import { defaultSpecPath } from "../../src/prism/spec.js";
import { specCacheEntry } from "../../src/prism/spec-cache.js";
import { tempDir } from "../stateful/helpers.js";

const privateCache = createRequire(import.meta.url)("../../bin/private-cache.cjs") as {
  cacheDirectory(options?: { base?: string }): string | undefined;
  pruneExcess(dir: string, suffix: string, max: number, keep: string): void;
  writeCacheFile(file: string, data: Buffer, options: { magic: Buffer }): boolean;
};
const posix = process.geteuid?.() !== undefined;

/** A spec whose schema refers to itself (a tree of nodes), used by two operations. */
const CYCLIC_SPEC = `openapi: 3.1.0
info: { title: cyclic, version: "1" }
paths:
  /nodes/:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Node" }
    post:
      requestBody:
        content:
          application/json:
            schema: { $ref: "#/components/schemas/Node" }
      responses:
        "201": { description: created }
components:
  schemas:
    Node:
      type: object
      required: [name]
      properties:
        name: { type: string }
        children: { type: array, items: { $ref: "#/components/schemas/Node" } }
`;

async function operationsOf(text: string): Promise<Operation[]> {
  const checked = parseSpecText("spec.yaml", text);
  return prismHttp().getHttpOperationsFromSpec(checked.document as object);
}

/** Stores `operations` for `bytes` and waits until the entry is written; the entry's file. */
async function stored(base: string, bytes: Buffer, operations: Operation[]): Promise<string> {
  const before = new Set(readdirSync(privateCache.cacheDirectory({ base }) as string));
  specCacheEntry(bytes, { base, writeAfterMs: 0 })?.store(operations);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const dir = privateCache.cacheDirectory({ base }) as string;
  const added = readdirSync(dir).filter((name) => name.endsWith(".spec") && !before.has(name));
  expect(added).toHaveLength(1);
  return join(dir, added[0] as string);
}

/** The number of objects reached more than once in a graph. */
function sharedObjects(root: unknown): number {
  const seen = new Map<object, number>();
  const walk = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return;
    const count = (seen.get(value) ?? 0) + 1;
    seen.set(value, count);
    if (count > 1) return;
    for (const item of Object.values(value)) walk(item);
  };
  walk(root);
  return [...seen.values()].filter((count) => count > 1).length;
}

describe("the spec cache", () => {
  it("gives back the operations of the repository's spec as Prism made them, shared schemas shared", async () => {
    const base = tempDir();
    const bytes = readFileSync(defaultSpecPath());
    const operations = await operationsOf(bytes.toString("utf8"));
    expect(specCacheEntry(bytes, { base })?.read()).toBeUndefined();
    await stored(base, bytes, operations);
    const cached = specCacheEntry(bytes, { base })?.read();
    expect(cached).toStrictEqual(operations);
    expect(JSON.stringify(cached)).toBe(JSON.stringify(operations)); // key order
    expect(sharedObjects(cached)).toBe(sharedObjects(operations));
    expect(sharedObjects(operations)).toBeGreaterThan(0);
  });

  it("gives back a cyclic schema as Prism left it, and Prism validates with the cached operations", async () => {
    const base = tempDir();
    const bytes = Buffer.from(CYCLIC_SPEC);
    const operations = await operationsOf(CYCLIC_SPEC);
    await stored(base, bytes, operations);
    const cached = specCacheEntry(bytes, { base })?.read() as Operation[];
    expect(cached).toStrictEqual(operations);
    expect(sharedObjects(cached)).toBe(sharedObjects(operations));
    // decycle() left the cycle as a $ref pointer, which Prism's validator follows
    expect(JSON.stringify(cached)).toContain('"$ref":"#/');
    const post = cached.find((operation) => operation.method === "post") as Operation;
    const { validateInput } = createRequire(import.meta.url)("@stoplight/prism-http/dist/validator") as {
      validateInput(options: { resource: Operation; element: unknown }): { _tag: string; left?: unknown[] };
    };
    const input = (body: unknown) => ({
      method: "post",
      url: { path: "/nodes/" },
      headers: { "content-type": "application/json" },
      body,
    });
    const freshPost = operations.find((operation) => operation.method === "post") as Operation;
    for (const body of [
      { name: "a", children: [{ name: "b" }] },
      { name: "a", children: [{ nom: 1 }] },
    ]) {
      expect(validateInput({ resource: post, element: input(body) })).toEqual(
        validateInput({ resource: freshPost, element: input(body) }),
      );
    }
    expect(validateInput({ resource: post, element: input({ children: [{}] }) })._tag).toBe("Left");
  });

  it("keys an entry by the exact bytes: one more space is another spec", async () => {
    const base = tempDir();
    const bytes = Buffer.from(CYCLIC_SPEC);
    await stored(base, bytes, await operationsOf(CYCLIC_SPEC));
    expect(specCacheEntry(Buffer.from(`${CYCLIC_SPEC} `), { base })?.read()).toBeUndefined();
    expect(specCacheEntry(Buffer.from(CYCLIC_SPEC.replace("name", "nom")), { base })?.read()).toBeUndefined();
    expect(specCacheEntry(bytes, { base })?.read()).toBeDefined();
  });

  it("ignores a corrupt entry, and a store rewrites it", async () => {
    const base = tempDir();
    const bytes = Buffer.from(CYCLIC_SPEC);
    const operations = await operationsOf(CYCLIC_SPEC);
    const file = await stored(base, bytes, operations);
    const content = readFileSync(file);
    content.writeUInt8((content.at(-5) as number) ^ 1, content.length - 5);
    writeFileSync(file, content);
    expect(specCacheEntry(bytes, { base })?.read()).toBeUndefined();
    specCacheEntry(bytes, { base, writeAfterMs: 0 })?.store(operations);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(specCacheEntry(bytes, { base })?.read()).toStrictEqual(operations);
  });

  it("ignores an entry of another shape or kind with a good digest (a foreign file)", async () => {
    const base = tempDir();
    const bytes = Buffer.from(CYCLIC_SPEC);
    const file = await stored(base, bytes, await operationsOf(CYCLIC_SPEC));
    const magic = Buffer.from("neuroio-spec-cache-1\n");
    privateCache.writeCacheFile(file, Buffer.from(encodeGraph({ not: "operations" }) as string), { magic });
    expect(specCacheEntry(bytes, { base })?.read()).toBeUndefined();
    privateCache.writeCacheFile(file, Buffer.from(encodeGraph([]) as string), { magic });
    expect(specCacheEntry(bytes, { base })?.read()).toBeUndefined();
    privateCache.writeCacheFile(file, readFileSync(file).subarray(10), {
      magic: Buffer.from("neuroio-v8-cache-1\n"),
    });
    expect(specCacheEntry(bytes, { base })?.read()).toBeUndefined();
  });

  it.runIf(posix)("ignores an entry others can write or a symlink planted in its place", async () => {
    const base = tempDir();
    const bytes = Buffer.from(CYCLIC_SPEC);
    const file = await stored(base, bytes, await operationsOf(CYCLIC_SPEC));
    chmodSync(file, 0o666);
    expect(specCacheEntry(bytes, { base })?.read()).toBeUndefined();
    chmodSync(file, 0o600);
    const copy = join(tempDir(), "planted.spec");
    writeFileSync(copy, readFileSync(file), { mode: 0o600 });
    rmSync(file);
    symlinkSync(copy, file);
    expect(specCacheEntry(bytes, { base })?.read()).toBeUndefined();
  });

  it("is off with NODE_DISABLE_COMPILE_CACHE, like the code cache", () => {
    const base = tempDir();
    expect(
      specCacheEntry(Buffer.from(CYCLIC_SPEC), { base, env: { NODE_DISABLE_COMPILE_CACHE: "1" } }),
    ).toBeUndefined();
    expect(specCacheEntry(Buffer.from(CYCLIC_SPEC), { base, env: {} })).toBeDefined();
  });

  it("keeps the newest entries only: an edited spec leaves one per saved version", () => {
    const dir = privateCache.cacheDirectory({ base: tempDir() }) as string;
    const now = Date.now() / 1000;
    for (let i = 0; i < 20; i++) {
      const file = join(dir, `${String(i).padStart(32, "0")}.spec`);
      writeFileSync(file, "x", { mode: 0o600 });
      utimesSync(file, now - 1000 + i, now - 1000 + i);
    }
    writeFileSync(join(dir, "other.v8"), "x");
    const keep = join(dir, `${"0".repeat(32)}.spec`); // the oldest, but the one just written
    privateCache.pruneExcess(dir, ".spec", 16, keep);
    const left = readdirSync(dir).sort();
    expect(left).toHaveLength(17);
    expect(left).toContain("other.v8");
    expect(left).toContain(`${"0".repeat(32)}.spec`);
    expect(left).toContain(`${"19".padStart(32, "0")}.spec`);
    expect(left).not.toContain(`${"1".padStart(32, "0")}.spec`);
    expect(statSync(keep).isFile()).toBe(true);
  });
});
