#!/usr/bin/env node
/**
 * Builds the package in the current directory for publishing:
 * - `dist/`: ES modules, declarations and source maps, emitted by `tsc -p tsconfig.build.json`;
 * - `dist/cjs/`: one CommonJS bundle per `require` entry of `exports` (esbuild, dependencies left external),
 *   a `{"type":"commonjs"}` package.json, and a copy of the declarations so `require` gets CJS-flavoured types.
 *   Default imports of dual packages are switched to their `exports.default` (see lib/cjs-interop.mjs).
 * Usage (from a package's `build` script): `node ../../scripts/build-package.mjs [--then SCRIPT]`; SCRIPT (a path
 * relative to the package) is run with the staging folder as its argument before the swap, so what it adds to
 * `dist/` appears with the rest, atomically (the mock's CLI bundle: `--then ../../scripts/bundle-cli.mjs`).
 * It builds into `.dist-staging-<pid>/` beside `dist/` (same depth, so source map paths hold) and swaps the
 * folders at the end: `dist/` is never missing or half-written while other processes import from it.
 */
import { execFileSync } from "node:child_process";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";
import { fixDefaultInterop } from "./lib/cjs-interop.mjs";
import { copyDeclarations } from "./lib/copy-declarations.mjs";
import { requireEntries } from "./lib/require-entries.mjs";

const packageDir = process.cwd();
const manifest = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8"));

const staging = `.dist-staging-${process.pid}`;
const out = (path) => join(packageDir, path.replace(/^dist(?=\/|$)/, staging));
await rm(join(packageDir, staging), { recursive: true, force: true });

const tsc = createRequire(join(packageDir, "package.json")).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", staging], {
  cwd: packageDir,
  stdio: "inherit",
});

const entries = requireEntries(manifest);
if (entries.length > 0) {
  await build({
    absWorkingDir: packageDir,
    entryPoints: entries.map(({ source, output }) => ({ in: source, out: out(output).replace(/\.js$/, "") })),
    outdir: packageDir,
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
    const file = out(output);
    await writeFile(file, fixDefaultInterop(await readFile(file, "utf8"), packageDir));
  }
  await writeFile(out("dist/cjs/package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
  await copyDeclarations(out("dist"), out("dist/cjs"));
}

const then = process.argv.indexOf("--then");
if (then !== -1) {
  const script = process.argv[then + 1];
  if (script === undefined) throw new Error("--then needs a script path");
  execFileSync(process.execPath, [join(packageDir, script), staging], { cwd: packageDir, stdio: "inherit" });
}

const retired = join(packageDir, `.dist-retired-${process.pid}`);
await rename(join(packageDir, "dist"), retired).catch((error) => {
  if (error.code !== "ENOENT") throw error;
});
await rename(join(packageDir, staging), join(packageDir, "dist"));
await rm(retired, { recursive: true, force: true });
console.log(`Built ${manifest.name}: dist/ (ESM)${entries.length > 0 ? " and dist/cjs/ (CommonJS)" : ""}.`);
