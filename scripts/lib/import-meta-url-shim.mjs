/**
 * Injected by esbuild into CommonJS bundles that read `import.meta.url` (see build-package.mjs): the file URL
 * of the bundle itself, which is what the ES module build sees. Marked pure so bundles that never read
 * `import.meta.url` drop it.
 */
export const __neuroioImportMetaUrl = /* @__PURE__ */ bundleFileUrl();

function bundleFileUrl() {
  return require("node:url").pathToFileURL(__filename).href;
}
