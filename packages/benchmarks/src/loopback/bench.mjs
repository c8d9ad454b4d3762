/**
 * Benchmark 1: sequential list calls over loopback to a keep-alive `node:http` server in another process.
 * Throughput (calls/s), p50/p99 latency and the client process's CPU per call, per contender: medians of
 * several rounds in alternating order. CPU per call is the least disturbed by other load on the machine.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { stopChild } from "../lib/child.mjs";
import { alternatingOrders, median, percentile } from "../lib/stats.mjs";
import { loopbackContenders } from "./contenders.mjs";

/** Starts server.mjs and resolves with its port. */
async function startServer() {
  const child = spawn(process.execPath, [fileURLToPath(new URL("./server.mjs", import.meta.url))], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const [line] = await createInterface({ input: child.stdout })
    [Symbol.asyncIterator]()
    .next()
    .then((r) => [r.value]);
  const { port } = JSON.parse(line);
  return { child, url: `http://127.0.0.1:${port}` };
}

/**
 * Runs `calls` sequential calls and measures them.
 * @param {() => Promise<unknown>} call
 * @param {number} calls
 */
async function measure(call, calls) {
  const latencies = new Array(calls);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < calls; i++) {
    const before = performance.now();
    await call();
    latencies[i] = performance.now() - before;
  }
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    throughput: (calls / elapsed) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuMicros: (cpu.user + cpu.system) / calls,
  };
}

/**
 * @param {{ rounds?: number, calls?: number, warmup?: number }} options
 * @returns {Promise<{ name: string, throughput: number, p50: number, p99: number, cpuMicros: number }[]>}
 *   medians per contender
 */
export async function runLoopback({ rounds = 7, calls = 2000, warmup = 300 } = {}) {
  const { child, url } = await startServer();
  try {
    const contenders = loopbackContenders(url);
    for (const { name, call } of contenders) {
      const tokens = await call();
      if (!Array.isArray(tokens) || tokens.length !== 2)
        throw new Error(`${name} did not return the two tokens`);
    }
    /** @type {Map<string, { throughput: number, p50: number, p99: number, cpuMicros: number }[]>} */
    const results = new Map(contenders.map(({ name }) => [name, []]));
    for (const order of alternatingOrders(contenders, rounds)) {
      for (const { name, call } of order) {
        for (let i = 0; i < warmup; i++) await call();
        results.get(name)?.push(await measure(call, calls));
      }
    }
    return contenders.map(({ name }) => {
      const runs = results.get(name) ?? [];
      return {
        name,
        throughput: median(runs.map((r) => r.throughput)),
        p50: median(runs.map((r) => r.p50)),
        p99: median(runs.map((r) => r.p99)),
        cpuMicros: median(runs.map((r) => r.cpuMicros)),
      };
    });
  } finally {
    child.stdin?.end();
    await stopChild(child);
  }
}
