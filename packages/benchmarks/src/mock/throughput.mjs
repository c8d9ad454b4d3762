/**
 * Benchmark 6: mock throughput, in one run: requests per second of `GET /v1/tokens/` (20 tokens) through
 * `startMockServer()` in examples mode and in stateful mode, 1 and 8 requests in flight, on keep-alive
 * connections. Stateful mode before issue 10 (a front, Prism's HTTP server and a backend server per process)
 * answered 405 req/s on these machines; its target is at least 4x that.
 */
import { startMockServer } from "@neuroio/tokens-mock";
import { median } from "../lib/stats.mjs";

/** Stateful req/s before issue 10 (three HTTP servers per process), the baseline of the 4x target. */
export const STATEFUL_BEFORE_REQ_PER_S = 405;

/** Requests per second of `requests` list calls with `concurrency` in flight. */
async function throughput(url, key, concurrency, requests) {
  const headers = { authorization: `Token ${key}` };
  for (let warm = 0; warm < 100; warm += 1)
    await (await fetch(`${url}/v1/tokens/`, { headers })).arrayBuffer();
  let left = requests;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left > 0) {
        left -= 1;
        const response = await fetch(`${url}/v1/tokens/`, { headers });
        if (response.status !== 200) throw new Error(`GET /v1/tokens/ answered ${response.status}`);
        await response.arrayBuffer();
      }
    }),
  );
  return requests / ((performance.now() - started) / 1000);
}

/**
 * @param {{ rounds?: number, requests?: number }} options
 * @returns {Promise<{ name: string, concurrency: number, reqPerS: number }[]>}
 */
export async function runMockThroughput({ rounds = 3, requests = 1000 } = {}) {
  const examples = await startMockServer({ port: 0, quiet: true });
  const stateful = await startMockServer({ port: 0, quiet: true, stateful: true, seedTokens: 20 });
  const contenders = [
    { name: "examples mode", url: examples.url, key: "any-key" },
    { name: "stateful mode", url: stateful.url, key: stateful.token },
  ];
  const rows = [];
  try {
    for (const concurrency of [1, 8]) {
      for (const { name, url, key } of contenders) {
        const values = [];
        for (let round = 0; round < rounds; round += 1)
          values.push(await throughput(url, key, concurrency, requests));
        rows.push({ name, concurrency, reqPerS: median(values) });
      }
    }
  } finally {
    await Promise.all([examples.close(), stateful.close()]);
  }
  return rows;
}
