#!/usr/bin/env node
/**
 * Measures the stateful mode against the example mode in one run: time for `startMockServer()` to resolve
 * (in-process), and requests per second of a list call, sequential and 8 at a time, through the full chain
 * (wrapper -> Prism -> backend) and straight to the backend (what Prism's checks cost).
 * Usage: node packages/tokens-mock/test/stateful/measure-stateful.mjs [requests]
 * (build first: pnpm --filter @neuroio/tokens-mock build)
 */
import { startMockServer, startStatefulBackend } from "../../dist/index.js";

const requests = Number(process.argv[2] ?? 400);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timeStart(options, runs = 5) {
  const times = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const mock = await startMockServer({ port: 0, quiet: true, ...options });
    times.push(performance.now() - started);
    await mock.close();
  }
  return median(times);
}

/** Requests per second of GET /v1/tokens/ with `concurrency` requests in flight. */
async function throughput(url, key, concurrency) {
  const headers = { authorization: `Token ${key}` };
  for (let warm = 0; warm < 50; warm += 1)
    await (await fetch(`${url}/v1/tokens/`, { headers })).arrayBuffer();
  let left = requests;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left > 0) {
        left -= 1;
        const response = await fetch(`${url}/v1/tokens/`, { headers });
        if (response.status !== 200) throw new Error(`status ${response.status}`);
        await response.arrayBuffer();
      }
    }),
  );
  return requests / ((performance.now() - started) / 1000);
}

// One start of each first, so neither pays alone for loading and compiling the spec's schemas.
await timeStart({}, 1);
await timeStart({ stateful: true }, 1);
const startExamples = await timeStart({});
const startStateful = await timeStart({ stateful: true, seedTokens: 20 });
console.log(
  `startMockServer() ready, median of 5: examples ${startExamples.toFixed(0)} ms, stateful ${startStateful.toFixed(0)} ms (x${(startStateful / startExamples).toFixed(2)})`,
);

const examples = await startMockServer({ port: 0, quiet: true });
const stateful = await startMockServer({ port: 0, quiet: true, stateful: true, seedTokens: 20 });
const backend = await startStatefulBackend({ seedTokens: 20 });
for (const concurrency of [1, 8]) {
  const viaExamples = await throughput(examples.url, "any-key", concurrency);
  const viaStateful = await throughput(stateful.url, stateful.token, concurrency);
  const direct = await throughput(backend.url, backend.callerKey, concurrency);
  console.log(
    `GET /v1/tokens/ (20 tokens), ${requests} requests, ${concurrency} in flight: ` +
      `examples ${viaExamples.toFixed(0)} req/s, stateful ${viaStateful.toFixed(0)} req/s ` +
      `(x${(viaStateful / viaExamples).toFixed(2)} of examples), backend alone ${direct.toFixed(0)} req/s ` +
      `(Prism's checks cost x${(direct / viaStateful).toFixed(1)})`,
  );
}
await Promise.all([examples.close(), stateful.close(), backend.close()]);
