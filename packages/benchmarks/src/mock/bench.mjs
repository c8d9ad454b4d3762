/**
 * The mock section of `pnpm bench`: readiness (spawn to the first answered `GET /v1/tokens/`) and sequential
 * keep-alive throughput of our CLI, Prism's CLI and Steady, in alternating order; medians across rounds.
 */
import { fileURLToPath } from "node:url";
import { freePort, startAndWait, stopChild, timeToFirstAnswer } from "../lib/child.mjs";
import { measure } from "../lib/load-client.mjs";
import { alternatingOrders, median } from "../lib/stats.mjs";
import { MOCK_CONTENDERS, SPEC, UNBUNDLED_CLI } from "./contenders.mjs";

/** Readiness only: `startMockServer()` called by a fresh Node process (the contract tests' way to start it). */
const FROM_CODE = {
  name: "startMockServer() in a fresh Node process",
  command: (port) => ({
    args: [fileURLToPath(new URL("./start-mock-server.mjs", import.meta.url)), String(port)],
  }),
};

/** Readiness only: our CLI from its unbundled ES modules, to show what the one-file bundle of the bin saves. */
const UNBUNDLED = {
  name: "neuroio-tokens-mock CLI, unbundled (node dist/cli.js)",
  command: (port, spec) => ({ args: [UNBUNDLED_CLI, "--port", String(port), "--spec", spec, "--quiet"] }),
};

/**
 * Readiness only: our CLI without V8's code cache of its bundle, as at its first start after an install (the
 * cache is written when that process has started). The row "neuroio-tokens-mock CLI" is a later start, its
 * cache written by a start before the rounds.
 */
const ours = /** @type {import("./contenders.mjs").MockContender} */ (
  MOCK_CONTENDERS.find(({ name }) => name === "neuroio-tokens-mock CLI")
);
const COLD = {
  name: "neuroio-tokens-mock CLI, cold (first start: no code cache)",
  command: (port, spec) => ({
    ...ours.command(port, spec),
    env: { NODE_DISABLE_COMPILE_CACHE: "1" },
  }),
};

/**
 * @param {{ rounds?: number }} options
 * @returns {Promise<{ name: string, readyMs: number, minMs: number, cpuMs: number | undefined }[]>}
 */
export async function runMockReadiness({ rounds = 6 } = {}) {
  const contenders = [...MOCK_CONTENDERS, COLD, UNBUNDLED, FROM_CODE];
  // One start of each first, untimed: it writes our CLI's code cache (at exit) and warms the file cache.
  for (const { command } of contenders) {
    const port = await freePort();
    await timeToFirstAnswer(command(port, SPEC), listUrl(port));
  }
  /** @type {Map<string, { readyMs: number, cpuMs: number | undefined }[]>} */
  const times = new Map(contenders.map(({ name }) => [name, []]));
  for (const order of alternatingOrders(contenders, rounds)) {
    for (const { name, command } of order) {
      const port = await freePort();
      times.get(name)?.push(await timeToFirstAnswer(command(port, SPEC), listUrl(port)));
    }
  }
  return contenders.map(({ name }) => {
    const runs = times.get(name) ?? [];
    const wall = runs.map((run) => run.readyMs);
    const cpu = runs.map((run) => run.cpuMs).filter((value) => value !== undefined);
    return {
      name,
      readyMs: median(wall),
      minMs: Math.min(...wall),
      cpuMs: cpu.length === runs.length ? median(cpu) : undefined,
    };
  });
}

/**
 * Starts every contender once, then runs rounds of `calls` sequential list requests on one keep-alive
 * connection against each, in alternating order.
 * @param {{ rounds?: number, calls?: number, warmup?: number }} options
 * @returns {Promise<{ name: string, perSecond: number }[]>}
 */
export async function runPeerThroughput({ rounds = 6, calls = 1000, warmup = 200 } = {}) {
  const running = [];
  try {
    for (const contender of MOCK_CONTENDERS) {
      const port = await freePort();
      const { child } = await startAndWait(contender.command(port, SPEC), listUrl(port));
      running.push({ ...contender, child, url: listUrl(port), rates: [] });
    }
    for (const server of running) await sequentialCalls(server.url, warmup);
    for (const order of alternatingOrders(running, rounds)) {
      for (const server of order) server.rates.push(await sequentialCalls(server.url, calls));
    }
    return running.map(({ name, rates }) => ({ name, perSecond: median(rates) }));
  } finally {
    await Promise.all(running.map(({ child }) => stopChild(child)));
  }
}

/** The list endpoint on 127.0.0.1:`port`. */
export function listUrl(port) {
  return `http://127.0.0.1:${port}/v1/tokens/`;
}

/**
 * `count` GETs one after another on one kept-alive socket (the load client of section 7); every answer must
 * be a 200. Returns requests per second.
 */
function sequentialCalls(url, count) {
  return measure({ url, authorization: "Token bench", connections: 1, requests: count });
}
