/**
 * Fixes default-import interop in esbuild's CommonJS bundles of ES module sources (see build-package.mjs).
 *
 * esbuild compiles `import x from "dep"` in a `"type": "module"` package with Node's ESM semantics
 * (`__toESM(require("dep"), 1)`: `x` is the whole `module.exports`). That is right for CommonJS-only
 * dependencies, which Node's ESM loader also sees that way, but wrong for dual packages such as openapi-fetch:
 * Node's ESM loader loads their ES build, whose default export is the CJS build's `exports.default`. For those,
 * the flag becomes `0` (Babel interop: honour `__esModule`), same length so source maps stay exact.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * Whether Node's ESM loader would load an ES module build of `name` (an `import` condition or `"type":"module"`).
 * @param {string} name package name
 * @param {string} fromDir folder to resolve it from
 */
export function hasEsmBuild(name, fromDir) {
  const require = createRequire(join(fromDir, "package.json"));
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      if (manifest.name !== name) throw new Error("not the package root");
      return manifest.type === "module" || JSON.stringify(manifest.exports ?? {}).includes('"import"');
    } catch {
      const parent = dirname(dir);
      if (parent === dir) throw new Error(`package.json of ${name} not found from ${fromDir}`);
      dir = parent;
    }
  }
}

/**
 * Rewrites `__toESM(require("dep"), 1)` to `__toESM(require("dep"), 0)` for every dual-package `dep`.
 * @param {string} code a CommonJS bundle
 * @param {string} fromDir the package folder, to resolve dependencies from
 * @returns {string}
 */
export function fixDefaultInterop(code, fromDir) {
  return code.replace(/__toESM\(require\("([^"]+)"\), 1\)/g, (match, name) =>
    hasEsmBuild(name, fromDir) ? `__toESM(require("${name}"), 0)` : match,
  );
}
