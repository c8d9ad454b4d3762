/**
 * Benchmark 7: mock throughput, in one run: requests per second of `GET /v1/tokens/` (20 tokens) from the
 * `neuroio-tokens-mock` CLI in examples mode and in stateful mode, 1 and 8 requests in flight on kept-alive
 * connections, beside a do-nothing `node:http` server sending the same bytes (the ceiling of this machine).
 * Each server is its own process, and so is the load (src/lib/load-client.mjs): an in-process `fetch` client
 * shares the server's event loop and costs more than the server does, which hid most of the difference.
 * The stateful mode of the build before issue 10 runs side by side (./old-build.mjs builds it once;
 * `BENCH_OLD_MOCK_BIN=<bin>` names one instead); where it cannot be built, the baseline is the 405 req/s it
 * gave on these machines, a number from another hour and so a weaker comparison.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { freePort, startAndWait, stopChild } from "../lib/child.mjs";
import { alternatingOrders, median } from "../lib/stats.mjs";
import { MOCK_CLI } from "./contenders.mjs";
import { oldMockBin } from "./old-build.mjs";

/** Stateful req/s before issue 10 (three HTTP servers per process), the baseline of the 4x target. */
export const STATEFUL_BEFORE_REQ_PER_S = 405;

/** The name of the row of the do-nothing `node:http` server sending the same body. */
export const CEILING = "bare node:http, same body (ceiling)";

/** The name of the row of the older build's stateful mode (present with `BENCH_OLD_MOCK_BIN`). */
export const STATEFUL_OLD = "stateful mode, build before issue 10";

const LOAD_CLIENT = fileURLToPath(new URL("../lib/load-client.mjs", import.meta.url));
const BARE_SERVER = fileURLToPath(new URL("./bare-server.mjs", import.meta.url));
const KEY = "bench-key-0123456789abcdef";
const run = promisify(execFile);

/** Requests per second of `requests` list calls, `connections` in flight, from a load-client process. */
async function loadOnce(url, connections, requests) {
  const args = [LOAD_CLIENT, url, `Token ${KEY}`, String(connections), String(requests)];
  const { stdout } = await run(process.execPath, args);
  return JSON.parse(stdout).reqPerS;
}

/** The servers to measure: this build's CLI in both modes, the older build if given; the caller stops them. */
async function startServers(oldBin) {
  const statefulArgs = ["--stateful", "--seed-tokens", "20", "--token", KEY, "--quiet"];
  const commands = [
    { name: "examples mode", args: [MOCK_CLI, "--no-watch", "--quiet"] },
    { name: "stateful mode", args: [MOCK_CLI, "--no-watch", ...statefulArgs] },
    ...(oldBin ? [{ name: STATEFUL_OLD, args: [oldBin, ...statefulArgs] }] : []),
  ];
  const servers = [];
  for (const { name, args } of commands) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/v1/tokens/`;
    const { child } = await startAndWait({ args: [...args, "--port", String(port)] }, url);
    servers.push({ name, url, child });
  }
  return servers;
}

/**
 * @param {{ rounds?: number, requests?: number }} options
 * @returns {Promise<{ name: string, concurrency: number, reqPerS: number }[]>}
 */
export async function runMockThroughput({ rounds = 3, requests = 2000 } = {}) {
  const old = process.env.BENCH_OLD_MOCK_BIN ? { bin: process.env.BENCH_OLD_MOCK_BIN } : oldMockBin();
  if ("reason" in old) console.warn(`No side-by-side run of the old mock: ${old.reason}.`);
  const servers = await startServers("bin" in old ? old.bin : undefined);
  const directory = mkdtempSync(join(tmpdir(), "neuroio-bench-"));
  try {
    // The ceiling serves exactly the stateful mode's answer.
    const stateful = servers.find((server) => server.name === "stateful mode");
    const response = await fetch(stateful?.url ?? "", { headers: { authorization: `Token ${KEY}` } });
    writeFileSync(join(directory, "body.json"), Buffer.from(await response.arrayBuffer()));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/v1/tokens/`;
    const bare = await startAndWait({ args: [BARE_SERVER, String(port), join(directory, "body.json")] }, url);
    servers.push({ name: CEILING, url, child: bare.child });
    for (const server of servers) await loadOnce(server.url, 1, 300);
    const rows = [];
    for (const concurrency of [1, 8]) {
      const rates = new Map(servers.map(({ name }) => [name, []]));
      for (const order of alternatingOrders(servers, rounds)) {
        for (const { name, url } of order) rates.get(name)?.push(await loadOnce(url, concurrency, requests));
      }
      for (const { name } of servers)
        rows.push({ name, concurrency, reqPerS: median(rates.get(name) ?? []) });
    }
    return rows;
  } finally {
    await Promise.all(servers.map(({ child }) => stopChild(child)));
    rmSync(directory, { recursive: true, force: true });
  }
}
