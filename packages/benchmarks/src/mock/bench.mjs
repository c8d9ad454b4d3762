/**
 * Benchmark 3: mock readiness, from process start to the first answered request: `startMockServer()` in a
 * fresh Node process, the `neuroio-tokens-mock` CLI, and the Prism CLI serving the same spec.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, timeToFirstAnswer } from "../lib/child.mjs";
import { alternatingOrders, median } from "../lib/stats.mjs";

const require = createRequire(import.meta.url);
const spec = require.resolve("@neuroio/tokens-spec");
const prismCli = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist", "index.js");
const mockPackage = require.resolve("@neuroio/tokens-mock/package.json");
const mockCli = join(dirname(mockPackage), require(mockPackage).bin["neuroio-tokens-mock"]);
const startScript = fileURLToPath(new URL("./start-mock-server.mjs", import.meta.url));

/** Each contender: the node arguments for a port. */
const CONTENDERS = [
  { name: "startMockServer()", args: (port) => [startScript, String(port)] },
  { name: "neuroio-tokens-mock CLI", args: (port) => [mockCli, "--port", String(port), "--quiet"] },
  {
    name: "Prism CLI (prism mock)",
    args: (port) => [prismCli, "mock", "-h", "127.0.0.1", "-p", String(port), spec],
  },
];

/**
 * @param {{ rounds?: number }} options
 * @returns {Promise<{ name: string, readyMs: number, minMs: number }[]>}
 */
export async function runMockReadiness({ rounds = 5 } = {}) {
  /** @type {Map<string, number[]>} */
  const times = new Map(CONTENDERS.map(({ name }) => [name, []]));
  for (const order of alternatingOrders(CONTENDERS, rounds)) {
    for (const { name, args } of order) {
      const port = await freePort();
      times.get(name)?.push(await timeToFirstAnswer(args(port), `http://127.0.0.1:${port}/v1/tokens/`));
    }
  }
  return CONTENDERS.map(({ name }) => {
    const values = times.get(name) ?? [0];
    return { name, readyMs: median(values), minMs: Math.min(...values) };
  });
}
