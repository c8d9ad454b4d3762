/** Measures what an entry file costs a browser app: esbuild ESM bundle, minified, then gzip level 9. */
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/**
 * Bundles `entry` for the browser (ESM, minified, tree-shaken) in memory and measures it.
 * @param {string} entry absolute path of the entry module
 * @returns {Promise<{ minified: number, gzip: number }>} sizes in bytes
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
  });
  const code = result.outputFiles?.[0]?.contents;
  if (!code) throw new Error(`esbuild produced no output for ${entry}`);
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}
