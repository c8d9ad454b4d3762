#!/usr/bin/env node
/**
 * Builds the package in the current directory for publishing:
 * - `dist/`: ES modules, declarations and source maps, emitted by `tsc -p tsconfig.build.json`;
 * - `dist/cjs/`: one CommonJS bundle per `require` entry of `exports` (esbuild, dependencies left external),
 *   a `{"type":"commonjs"}` package.json, and a copy of the declarations so `require` gets CJS-flavoured types.
 *   Default imports of dual packages are switched to their `exports.default` (see lib/cjs-interop.mjs).
 * Usage (from a package's `build` script): `node ../../scripts/build-package.mjs`.
 */
import { execFileSync } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";
import { fixDefaultInterop } from "./lib/cjs-interop.mjs";
import { copyDeclarations } from "./lib/copy-declarations.mjs";
import { requireEntries } from "./lib/require-entries.mjs";

const packageDir = process.cwd();
const manifest = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8"));

await rm(join(packageDir, "dist"), { recursive: true, force: true });

const tsc = createRequire(join(packageDir, "package.json")).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: packageDir, stdio: "inherit" });

const entries = requireEntries(manifest);
if (entries.length > 0) {
  await build({
    absWorkingDir: packageDir,
    entryPoints: entries.map(({ source, output }) => ({ in: source, out: output.replace(/\.js$/, "") })),
    outdir: ".",
    bundle: true,
    packages: "external",
    format: "cjs",
    platform: "node",
    target: "node20",
    sourcemap: true,
    sourcesContent: false,
    // `import.meta.url` does not exist in CommonJS: point it at a shim that esbuild injects only where used.
    define: { "import.meta.url": "__neuroioImportMetaUrl" },
    inject: [new URL("./lib/import-meta-url-shim.mjs", import.meta.url).pathname],
    logLevel: "warning",
  });
  for (const { output } of entries) {
    const file = join(packageDir, output);
    await writeFile(file, fixDefaultInterop(await readFile(file, "utf8"), packageDir));
  }
  await writeFile(join(packageDir, "dist/cjs/package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
  await copyDeclarations(join(packageDir, "dist"), join(packageDir, "dist/cjs"));
}
console.log(`Built ${manifest.name}: dist/ (ESM)${entries.length > 0 ? " and dist/cjs/ (CommonJS)" : ""}.`);
