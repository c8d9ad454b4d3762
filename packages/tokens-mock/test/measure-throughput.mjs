#!/usr/bin/env node
/**
 * Requests per second of the mock (`startMockServer`, quiet) against bare Prism (`prism-http-server`
 * `createServer`, started the same way, at Prism's default `info` log level and at `warn`), in one run.
 * Usage: node packages/tokens-mock/test/measure-throughput.mjs [seconds per target] [concurrency]
 * (build first: pnpm --filter @neuroio/tokens-mock build).
 */
import { createRequire } from "node:module";
import { Writable } from "node:stream";
import { startMockServer } from "../dist/index.js";

const seconds = Number(process.argv[2] ?? 3);
const concurrency = Number(process.argv[3] ?? 16);
const require = createRequire(import.meta.url);
const serverRequire = createRequire(require.resolve("@stoplight/prism-http-server"));
const { createServer } = require("@stoplight/prism-http-server");
const { getHttpOperationsFromSpec } = serverRequire("@stoplight/prism-http");
const { createLogger } = require("@stoplight/prism-core");

async function barePrism(level) {
  const operations = await getHttpOperationsFromSpec(require.resolve("@neuroio/tokens-spec"));
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() }); // what a terminal would cost, minus the terminal
  const server = createServer(operations, {
    cors: true,
    config: {
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: false,
      upstreamProxy: undefined,
      isProxy: false,
      mock: { dynamic: false },
    },
    components: { logger: createLogger("bare", { level }, sink) },
  });
  const url = await server.listen(0, "127.0.0.1");
  return { url, close: () => server.close() };
}

async function measure(url, workers, duration) {
  const deadline = performance.now() + duration * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const response = await fetch(`${url}/v1/tokens/1/`, { headers: { authorization: "Token bench" } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return done / duration;
}

const targets = {
  "@neuroio/tokens-mock (quiet)": () => startMockServer({ port: 0, quiet: true }),
  "bare Prism, info log (Prism's default)": () => barePrism("info"),
  "bare Prism, warn log": () => barePrism("warn"),
};
// Interleaved rounds, best of each: the machine is shared, so single runs swing with its load.
const rounds = 3;
const results = Object.fromEntries(Object.keys(targets).map((name) => [name, 0]));
for (let round = 0; round < rounds; round++) {
  for (const [name, start] of Object.entries(targets)) {
    const server = await start();
    await measure(server.url, 1, 0.5); // warm-up, one request at a time
    const rate = await measure(server.url, concurrency, seconds);
    await server.close();
    results[name] = Math.max(results[name], rate);
  }
}
for (const [name, rate] of Object.entries(results))
  console.log(`${name}: ${rate.toFixed(0)} req/s (best of ${rounds})`);
const [ours, info, warn] = Object.values(results);
console.log(
  `ours / bare Prism (info): ${(ours / info).toFixed(2)}x; ours / bare Prism (warn): ${(ours / warn).toFixed(2)}x`,
);
