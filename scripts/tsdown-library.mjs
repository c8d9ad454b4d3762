/**
 * The build of every public package (tsdown, from each package's `tsdown.config.ts`): an ES module build and a
 * CommonJS build of each entry, each with its own declarations (`.d.ts` for `import`, `.d.cts` for `require`)
 * and source maps; dependencies stay external. See docs/build.md for why tsdown and why still CommonJS.
 */

import { dualPackageInterop } from "./lib/cjs-interop.mjs";

/**
 * The tsdown options shared by the public packages; a package adds its entries (and may override the rest).
 * @param {import("tsdown").UserConfig} options at least `entry`: one output per entry, e.g. a second one for a CLI
 * @returns {import("tsdown").UserConfig}
 */
export function libraryBuild(options) {
  return {
    format: ["esm", "cjs"],
    // `.js` for ES modules (the packages are "type": "module"), `.cjs` for CommonJS.
    fixedExtension: false,
    dts: true,
    // Maps point into the shipped src/ (as before), so they carry no copy of it.
    sourcemap: true,
    outputOptions: { sourcemapExcludeSources: true },
    target: "es2022",
    outDir: "dist",
    // The compiler options of the published code (the client: no Node types), not those of the tests.
    tsconfig: "tsconfig.build.json",
    clean: true,
    // CommonJS from ES modules on Node ≥ 20.19 is a choice we made (docs/build.md): no deprecation warning.
    checks: { legacyCjs: false, pluginTimings: false },
    plugins: [dualPackageInterop(process.cwd())],
    ...options,
  };
}
