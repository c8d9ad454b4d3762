/**
 * Benchmark 1: CPU per list call with an injected `fetch` that answers at once (no network), so only the
 * client's own work is measured: openapi-fetch doing the same work (a timeout that cancels the request:
 * `signal: AbortSignal.timeout(ms)` on each call) vs @neuroio/tokens-client on top of it.
 */
import { createTokensClient } from "@neuroio/tokens-client";
import createClient from "openapi-fetch";
import { alternatingOrders, median } from "../lib/stats.mjs";
import { LIST_BODY } from "../lib/tokens-body.mjs";

const BASE_URL = "https://iam.neuroio.com";

/** A fetch that never touches the network: a fresh 200 JSON response per call (the same for both). */
const instantFetch = async () =>
  new Response(LIST_BODY, { status: 200, headers: { "Content-Type": "application/json" } });

/** The per-call timeout both contenders give each request (the client's default). */
const TIMEOUT_MS = 10_000;

/** The name of the baseline row: openapi-fetch with the same cancelling timeout on each call. */
export const CPU_BASELINE = "openapi-fetch + AbortSignal.timeout";

/** The two contenders, each making one list call whose request is cancelled if it outlives the timeout. */
function cpuContenders() {
  const token = "benchmark-token-0123456789";
  const openapi = createClient({
    baseUrl: BASE_URL,
    headers: { Authorization: `Token ${token}` },
    fetch: instantFetch,
  });
  const tokens = createTokensClient({
    apiToken: token,
    baseUrl: BASE_URL,
    fetch: instantFetch,
    timeoutMs: TIMEOUT_MS,
  });
  return [
    {
      name: CPU_BASELINE,
      call: async () =>
        (
          await openapi.GET("/v1/tokens/", {
            params: { query: { limit: 10 } },
            signal: AbortSignal.timeout(TIMEOUT_MS),
          })
        ).data,
    },
    { name: "@neuroio/tokens-client", call: () => tokens.tokens.list({ limit: 10 }) },
  ];
}

/**
 * @param {{ rounds?: number, calls?: number, warmup?: number }} options
 * @returns {Promise<{ name: string, cpuMicros: number, wallMicros: number }[]>} median µs per call
 */
export async function runCpu({ rounds = 7, calls = 20_000, warmup = 5_000 } = {}) {
  const contenders = cpuContenders();
  /** @type {Map<string, { cpu: number[], wall: number[] }>} */
  const results = new Map(contenders.map(({ name }) => [name, { cpu: [], wall: [] }]));
  for (const { call } of contenders) for (let i = 0; i < warmup; i++) await call();
  for (const order of alternatingOrders(contenders, rounds)) {
    for (const { name, call } of order) {
      const cpuBefore = process.cpuUsage();
      const wallBefore = performance.now();
      for (let i = 0; i < calls; i++) await call();
      const wall = performance.now() - wallBefore;
      const cpu = process.cpuUsage(cpuBefore);
      const entry = results.get(name);
      entry?.cpu.push((cpu.user + cpu.system) / calls);
      entry?.wall.push((wall * 1000) / calls);
    }
  }
  return contenders.map(({ name }) => {
    const entry = results.get(name) ?? { cpu: [0], wall: [0] };
    return { name, cpuMicros: median(entry.cpu), wallMicros: median(entry.wall) };
  });
}
