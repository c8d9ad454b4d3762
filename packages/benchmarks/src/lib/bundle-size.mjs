/** Measures what an entry file costs a browser app: esbuild ESM bundle, minified, then gzip level 9. */
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/**
 * Bundles `entry` for the browser (ESM, minified, tree-shaken) in memory and measures it.
 * @param {string} entry absolute path of the entry module
 * @returns {Promise<{ minified: number, gzip: number, inputs: [string, number][] }>} sizes in bytes, and the
 *   minified bytes each input file contributes, largest first
 */
export async function bundleSize(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "error",
    metafile: true,
  });
  const code = result.outputFiles?.[0]?.contents;
  if (!code) throw new Error(`esbuild produced no output for ${entry}`);
  const output = Object.values(result.metafile?.outputs ?? {})[0];
  const inputs = Object.entries(output?.inputs ?? {})
    .map(([file, { bytesInOutput }]) => /** @type {[string, number]} */ ([file, bytesInOutput]))
    .sort((a, b) => b[1] - a[1]);
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, inputs };
}
