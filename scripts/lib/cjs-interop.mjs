/**
 * Fixes default-import interop in the CommonJS build of ES module sources: a rolldown plugin for tsdown.
 *
 * In a `"type": "module"` package, rolldown compiles `import x from "dep"` for CommonJS with Node's ESM
 * semantics (`__toESM(dep, 1)`: `x` is the whole `module.exports`). That is right for CommonJS-only
 * dependencies, which Node's ESM loader also sees that way, but wrong for dual packages such as openapi-fetch:
 * Node's ESM loader loads their ES build, whose default export is the CJS build's `exports.default`. For those,
 * the flag becomes `0` (Babel interop: honour `__esModule`), same length so source maps stay exact.
 * Known upstream (rolldown/tsdown issue 1054, open); drop this plugin when tsdown does it right.
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
 * Rewrites `let dep = require("dep"); dep = __toESM(dep, 1);` to `..., 0)` for every dual-package `dep`.
 * @param {string} code a CommonJS bundle from rolldown
 * @param {string} fromDir the package folder, to resolve dependencies from
 * @returns {string}
 */
export function fixDefaultInterop(code, fromDir) {
  return code.replace(/let (\w+) = require\("([^"]+)"\);\n\1 = __toESM\(\1, 1\);/g, (match, _id, name) =>
    hasEsmBuild(name, fromDir) ? match.replace(/, 1\);$/, ", 0);") : match,
  );
}

/**
 * The rolldown plugin: applies `fixDefaultInterop` to every CommonJS chunk.
 * @param {string} packageDir the package being built
 * @returns {import("rolldown").Plugin}
 */
export function dualPackageInterop(packageDir) {
  return {
    name: "neuroio:dual-package-interop",
    renderChunk(code, _chunk, options) {
      if (options.format !== "cjs") return null;
      const fixed = fixDefaultInterop(code, packageDir);
      // Same length, same lines: the chunk's source map stays exact.
      return fixed === code ? null : { code: fixed, map: null };
    },
  };
}
