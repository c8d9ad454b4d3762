/**
 * A Vite plugin that fails the build when browser code imports a Node built-in (`node:fs`, `crypto`, ...).
 * Vite would otherwise swap it for an empty stub and the page would break only at run time.
 */
import { builtinModules } from "node:module";
import type { Plugin } from "vite";

/** Every bare Node built-in name (`fs`, `fs/promises`...); `node:` specifiers are recognised by prefix. */
const BUILTINS = new Set(builtinModules);

/** Whether an import specifier names a Node built-in (`node:fs`, `fs`, `fs/promises`). */
export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith("node:") || BUILTINS.has(specifier.split("/")[0] ?? "");
}

/** The plugin: run first, so the import is caught before Vite's own browser-external stub. */
export function forbidNodeBuiltins(): Plugin {
  return {
    name: "neuroio:forbid-node-builtins",
    enforce: "pre",
    apply: "build",
    resolveId(source, importer) {
      if (!isNodeBuiltin(source)) return null;
      this.error(
        `${importer ?? "an entry"} imports the Node built-in "${source}": the console runs in browsers.`,
      );
    },
  };
}
