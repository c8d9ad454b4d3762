/**
 * The production bundle runs in browsers: no Node built-in may reach it. The build itself refuses one
 * (tools/forbid-node-builtins.ts); these tests check the built output and prove that guard works.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "vite";
import { afterAll, describe, expect, inject, it } from "vitest";
import { forbidNodeBuiltins, isNodeBuiltin } from "../tools/forbid-node-builtins.js";

/** Import specifiers of `node:` modules in JavaScript text: static, dynamic and `require` forms. */
const NODE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'](node:[^"']+)["']/g;

describe("the built console bundle", () => {
  it("imports no Node built-in and carries no stub of one", async () => {
    const assets = join(inject("bundleDir"), "assets");
    const scripts = (await readdir(assets)).filter((name) => name.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(0);
    const code = (await Promise.all(scripts.map((name) => readFile(join(assets, name), "utf8")))).join("\n");
    expect([...code.matchAll(NODE_IMPORT)].map((match) => match[1])).toEqual([]);
    // Booleans, not `toContain`: a failure should not print the whole minified bundle.
    // Vite's replacement for a Node module it could not bundle for the browser:
    expect(code.includes("__vite-browser-external"), "a Node module was stubbed out").toBe(false);
    // The client is really bundled (its class names survive minification as strings), not left as an import:
    expect(/[`"']NeuroioConnectionError[`"']/.test(code), "the client's errors are in the bundle").toBe(true);
    expect(/from\s*["']@neuroio\/tokens-client["']/.test(code), "a bare client import is left").toBe(false);
  });

  it("the import pattern finds node: imports in every form", () => {
    const sample = `import a from "node:fs";import("node:path");require('node:crypto');export{x}from"node:url"`;
    expect([...sample.matchAll(NODE_IMPORT)].map((match) => match[1])).toEqual([
      "node:fs",
      "node:path",
      "node:crypto",
      "node:url",
    ]);
  });
});

describe("forbidNodeBuiltins", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  /** Builds a one-file entry with the guard; resolves when the build passes. */
  async function buildEntry(source: string): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), "forbid-node-"));
    dirs.push(dir);
    await writeFile(join(dir, "entry.js"), source);
    await build({
      root: dir,
      configFile: false,
      logLevel: "silent",
      plugins: [forbidNodeBuiltins()],
      build: { write: false, rolldownOptions: { input: join(dir, "entry.js") } },
    });
  }

  it("fails the build on a node: import and on a bare built-in", async () => {
    await expect(
      buildEntry(`import { readFileSync } from "node:fs"; console.log(readFileSync);`),
    ).rejects.toThrow(/imports the Node built-in "node:fs"/);
    await expect(buildEntry(`import { createHash } from "crypto"; console.log(createHash);`)).rejects.toThrow(
      /imports the Node built-in "crypto"/,
    );
  });

  it("lets browser code through", async () => {
    await expect(buildEntry(`console.log(new URL("https://example.test").host);`)).resolves.toBeUndefined();
  });

  it("knows built-ins by every name", () => {
    expect(["node:fs", "fs", "fs/promises", "node:test", "crypto"].map(isNodeBuiltin)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["@neuroio/tokens-client", "vite", "./fs.js", "fsevents"].map(isNodeBuiltin)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
