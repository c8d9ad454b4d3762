/** The helpers of build-package.mjs: CJS entry discovery, dual-package interop, declaration copies. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixDefaultInterop, hasEsmBuild } from "../lib/cjs-interop.mjs";
import { copyDeclarations } from "../lib/copy-declarations.mjs";
import { requireEntries } from "../lib/require-entries.mjs";

let dir;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "neuroio-build-package-"));
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

describe("requireEntries", () => {
  it("pairs every require target under dist/cjs with its src file", () => {
    const manifest = {
      exports: {
        ".": { import: { default: "./dist/index.js" }, require: { default: "./dist/cjs/index.js" } },
        "./extra": { require: { default: "./dist/cjs/sub/extra.js" } },
        "./package.json": "./package.json",
      },
    };
    expect(requireEntries(manifest)).toEqual([
      { source: "src/index.ts", output: "dist/cjs/index.js" },
      { source: "src/sub/extra.ts", output: "dist/cjs/sub/extra.js" },
    ]);
  });

  it("refuses a require target outside dist/cjs", () => {
    expect(() => requireEntries({ exports: { ".": { require: { default: "./lib/index.cjs" } } } })).toThrow(
      /not a \.\/dist\/cjs\/\*\.js file/,
    );
  });
});

describe("fixDefaultInterop", () => {
  it("switches dual packages to exports.default and leaves CommonJS-only ones alone", async () => {
    await fakePackage("dual", { exports: { ".": { import: "./index.mjs", require: "./index.js" } } });
    await fakePackage("cjs-only", {});
    await writeFile(join(dir, "package.json"), "{}");
    const code = 'var a = __toESM(require("dual"), 1);\nvar b = __toESM(require("cjs-only"), 1);\n';
    expect(fixDefaultInterop(code, dir)).toBe(
      'var a = __toESM(require("dual"), 0);\nvar b = __toESM(require("cjs-only"), 1);\n',
    );
  });

  it('treats "type": "module" packages as having an ES build', async () => {
    await fakePackage("esm-typed", { type: "module" });
    expect(hasEsmBuild("esm-typed", dir)).toBe(true);
  });
});

describe("copyDeclarations", () => {
  it("copies .d.ts and maps into the CJS folder, maps pointing one level further up, JS left out", async () => {
    const dist = join(dir, "dist");
    await mkdir(join(dist, "generated"), { recursive: true });
    await writeFile(join(dist, "index.d.ts"), "export declare const x: number;\n");
    await writeFile(join(dist, "index.js"), "export const x = 1;\n");
    await writeFile(
      join(dist, "generated", "schema.d.ts.map"),
      JSON.stringify({ sources: ["../../src/a.ts"] }),
    );
    await copyDeclarations(dist, join(dist, "cjs"));
    expect(await readFile(join(dist, "cjs", "index.d.ts"), "utf8")).toBe("export declare const x: number;\n");
    const map = JSON.parse(await readFile(join(dist, "cjs", "generated", "schema.d.ts.map"), "utf8"));
    expect(map.sources).toEqual(["../../../src/a.ts"]);
    await expect(readFile(join(dist, "cjs", "index.js"))).rejects.toThrow(/ENOENT/);
  });
});
