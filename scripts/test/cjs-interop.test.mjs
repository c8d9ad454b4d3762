/** The dual-package interop fix of the CommonJS build (lib/cjs-interop.mjs), applied by tsdown's plugin hook. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dualPackageInterop, fixDefaultInterop, hasEsmBuild } from "../lib/cjs-interop.mjs";

let dir;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "neuroio-cjs-interop-"));
  await writeFile(join(dir, "package.json"), "{}");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes node_modules/<name>/package.json under `dir`. */
async function fakePackage(name, manifest) {
  const folder = join(dir, "node_modules", name);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, "package.json"), JSON.stringify({ name, main: "index.js", ...manifest }));
  await writeFile(join(folder, "index.js"), "module.exports = {};\n");
}

/** What rolldown emits for `import x from "<name>"` in the CommonJS build of a "type": "module" package. */
const imported = (id, name) => `let ${id} = require("${name}");\n${id} = __toESM(${id}, 1);\n`;

describe("fixDefaultInterop", () => {
  it("switches dual packages to exports.default and leaves CommonJS-only ones alone", async () => {
    await fakePackage("dual", { exports: { ".": { import: "./index.mjs", require: "./index.js" } } });
    await fakePackage("cjs-only", {});
    const code = imported("dual", "dual") + imported("cjs_only", "cjs-only");
    const fixed = fixDefaultInterop(code, dir);
    expect(fixed).toBe(
      `let dual = require("dual");\ndual = __toESM(dual, 0);\n${imported("cjs_only", "cjs-only")}`,
    );
    expect(fixed).toHaveLength(code.length);
  });

  it('treats "type": "module" packages as having an ES build', async () => {
    await fakePackage("esm-typed", { type: "module" });
    expect(hasEsmBuild("esm-typed", dir)).toBe(true);
  });
});

describe("dualPackageInterop (the plugin)", () => {
  it("rewrites CommonJS chunks only", async () => {
    await fakePackage("dual", { exports: { ".": { import: "./index.mjs", require: "./index.js" } } });
    const plugin = dualPackageInterop(dir);
    const code = imported("dual", "dual");
    expect(plugin.renderChunk(code, {}, { format: "cjs" })).toEqual({
      code: code.replace(", 1);", ", 0);"),
      map: null,
    });
    expect(plugin.renderChunk(code, {}, { format: "es" })).toBeNull();
  });
});
