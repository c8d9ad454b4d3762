/**
 * The mock servers compared by `pnpm bench`: our CLI, Prism's CLI and Steady, each serving a given spec on a
 * given port of 127.0.0.1 with live reload on (the default of ours and of Prism; `--auto-reload` for Steady) and no
 * per-request log (`--quiet`, `-v error`), so throughput compares the servers, not their terminals.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const mockPackage = require.resolve("@neuroio/tokens-mock/package.json");
/** The `neuroio-tokens-mock` bin of this build. */
export const MOCK_CLI = join(dirname(mockPackage), require(mockPackage).bin["neuroio-tokens-mock"]);
const prismCli = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist", "index.js");

/** The CLI's ES module build before bundling (`dist/cli.js`); the bin runs the bundle `dist/cli.cjs`. */
export const UNBUNDLED_CLI = join(dirname(mockPackage), "dist", "cli.js");

/** The spec the mocks serve by default (`@neuroio/tokens-spec`). */
export const SPEC = require.resolve("@neuroio/tokens-spec");

/**
 * Steady's native binary, from its platform package (what `@stdy/cli`'s `steady.js` starts after a Node
 * start of its own; timing the binary is the fairer, harder comparison).
 */
function steadyBinary() {
  const steady = createRequire(require.resolve("@stdy/cli/package.json"));
  const platform = dirname(steady.resolve(`@stdy/cli-${process.platform}-${process.arch}/package.json`));
  return join(platform, "bin", process.platform === "win32" ? "steady.exe" : "steady");
}

/**
 * @typedef {object} MockContender
 * @property {string} name
 * @property {(port: number, spec: string) => import("../lib/child.mjs").Command} command
 */

/** @type {MockContender[]} */
export const MOCK_CONTENDERS = [
  {
    name: "neuroio-tokens-mock CLI",
    command: (port, spec) => ({ args: [MOCK_CLI, "--port", String(port), "--spec", spec, "--quiet"] }),
  },
  {
    name: "Prism CLI 5.14.2 (prism mock)",
    command: (port, spec) => ({
      args: [prismCli, "mock", "-h", "127.0.0.1", "-p", String(port), "-v", "error", spec],
    }),
  },
  {
    name: "Steady 0.22.2 (binary)",
    command: (port, spec) => ({
      file: steadyBinary(),
      args: ["--port", String(port), "--host", "127.0.0.1", "--quiet", "--auto-reload", spec],
    }),
  },
];
