#!/usr/bin/env node
/**
 * `pnpm bench` (not in CI): every benchmark in one run, printed as markdown with ratios and the targets of
 * issues 5 and 13. Paste the output into docs/benchmarks.md. `BENCH_QUICK=1` runs fewer rounds for a smoke check.
 */
import { CPU_BASELINE, runCpu } from "./cpu/bench.mjs";
import { runExitAfterTimeout } from "./exit/bench.mjs";
import { find, machineLine, markdownTable, ms, ratio, verdict } from "./lib/format.mjs";
import { runLoopback } from "./loopback/bench.mjs";
import { printMockSection } from "./mock/report.mjs";
import { CEILING, runMockThroughput, STATEFUL_BEFORE_REQ_PER_S, STATEFUL_OLD } from "./mock/throughput.mjs";
import { BUDGET_BYTES, MIN_RATIO_VS_OLD_SDK, measureSizes } from "./size.mjs";
import { runTooling } from "./tooling/bench.mjs";

const quick = process.env.BENCH_QUICK === "1";
console.log(`# Benchmark run ${new Date().toISOString()}\n`);
console.log(`${machineLine()}${quick ? " (BENCH_QUICK: fewer rounds)" : ""}\n`);

console.log("## 1. CPU per list call, instant injected fetch\n");
const cpuRows = await runCpu(quick ? { rounds: 3, calls: 3000, warmup: 1000 } : {});
const cpuBase = find(cpuRows, CPU_BASELINE).cpuMicros;
console.log(
  markdownTable(
    ["client", "CPU µs/call (median)", "wall µs/call", "vs baseline"],
    cpuRows.map((r) => [
      r.name,
      r.cpuMicros.toFixed(2),
      r.wallMicros.toFixed(2),
      ratio(r.cpuMicros / cpuBase),
    ]),
  ),
);
const cpuRatio = find(cpuRows, "@neuroio/tokens-client").cpuMicros / cpuBase;
console.log(
  `\nTarget ≤ 1.15x of openapi-fetch with a cancelling timeout per call: ${ratio(cpuRatio)}, ${verdict(cpuRatio <= 1.15)}.\n`,
);

console.log("## 2. Loopback list calls, keep-alive node:http server in another process\n");
const loopRows = await runLoopback(quick ? { rounds: 2, calls: 300, warmup: 100 } : {});
const loopBase = find(loopRows, "openapi-fetch").throughput;
console.log(
  markdownTable(
    ["client", "calls/s (median)", "p50", "p99", "client CPU µs/call", "throughput vs openapi-fetch"],
    loopRows.map((r) => [
      r.name,
      r.throughput.toFixed(0),
      ms(r.p50),
      ms(r.p99),
      r.cpuMicros.toFixed(0),
      ratio(r.throughput / loopBase),
    ]),
  ),
);
const loopRatio = find(loopRows, "@neuroio/tokens-client").throughput / loopBase;
console.log(`\nTarget ≥ 0.95x of openapi-fetch: ${ratio(loopRatio)}, ${verdict(loopRatio >= 0.95)}.\n`);

console.log("## 3. Browser bundle: create client + tokens.list (esbuild ESM minified, gzip -9)\n");
const sizes = await measureSizes();
const rows = [
  ["@neuroio/tokens-client", sizes.tokensClient],
  ["openapi-fetch alone", sizes.openapiFetch],
  ["@neuroio/rest-api 4.2.2", sizes.restApi],
];
console.log(
  markdownTable(
    ["bundle", "minified B", "gzip B", "vs tokens-client"],
    rows.map(([name, s]) => [name, s.minified, s.gzip, ratio(s.gzip / sizes.tokensClient.gzip)]),
  ),
);
const share = sizes.tokensClient.gzip / sizes.restApi.gzip;
const most = Math.floor(sizes.restApi.gzip / MIN_RATIO_VS_OLD_SDK);
console.log(
  `\nTarget ≤ 1/${MIN_RATIO_VS_OLD_SDK} of the old SDK (${most} B): 1/${(1 / share).toFixed(2)}, ` +
    `${verdict(share <= 1 / MIN_RATIO_VS_OLD_SDK)}. Budget ${BUDGET_BYTES} B: ${verdict(sizes.tokensClient.gzip <= BUDGET_BYTES)}.\n`,
);

await printMockSection({ quick });

console.log("## 5. Tooling\n");
const tooling = runTooling(quick ? { rounds: 1 } : {});
console.log(
  markdownTable(
    ["command", "wall (median)"],
    [
      ["pnpm generate", ms(tooling.generateMs)],
      [`pnpm build, cached (${tooling.cachedTasks})`, ms(tooling.cachedBuildMs)],
    ],
  ),
);

console.log("\n## 6. Process exit after a timeout, server that never answers\n");
const exit = await runExitAfterTimeout(quick ? { rounds: 1 } : {});
console.log(
  markdownTable(
    ["timeoutMs", "error → exit (median)", "spawn → exit (median)", "errors", "sockets closed", "killed"],
    [
      [
        exit.timeoutMs,
        ms(exit.errorToExitMs),
        ms(exit.spawnToExitMs),
        [...new Set(exit.errors)].join(", "),
        exit.closedSockets,
        exit.killed,
      ],
    ],
  ),
);
console.log(
  `\nTarget: exits at once (no request left holding a socket): ${verdict(exit.killed === 0 && exit.errorToExitMs < 1000)}.`,
);

console.log("\n## 7. Mock throughput: GET /v1/tokens/ (20 tokens) from the CLI, load from another process\n");
const throughputRows = await runMockThroughput(quick ? { rounds: 1, requests: 500 } : {});
const rateOf = (name, concurrency) =>
  throughputRows.find((r) => r.name === name && r.concurrency === concurrency)?.reqPerS;
const hasOld = rateOf(STATEFUL_OLD, 1) !== undefined;
/** The baseline of the 4x target: the old build measured beside this one, else its recorded 405 req/s. */
const baseline = (concurrency) => rateOf(STATEFUL_OLD, concurrency) ?? STATEFUL_BEFORE_REQ_PER_S;
const baselineName = hasOld
  ? "vs old build, same run"
  : `vs stateful before (${STATEFUL_BEFORE_REQ_PER_S} req/s)`;
console.log(
  markdownTable(
    ["server", "in flight", "req/s (median)", "vs ceiling", baselineName],
    throughputRows.map((r) => [
      r.name,
      r.concurrency,
      r.reqPerS.toFixed(0),
      ratio(r.reqPerS / (rateOf(CEILING, r.concurrency) ?? Number.NaN)),
      ratio(r.reqPerS / baseline(r.concurrency)),
    ]),
  ),
);
for (const concurrency of [1, 8]) {
  const gain = (rateOf("stateful mode", concurrency) ?? 0) / baseline(concurrency);
  console.log(
    `\nTarget stateful ≥ 4x ${baselineName.slice(3)}, ${concurrency} in flight: ${ratio(gain)}, ${verdict(gain >= 4)}.`,
  );
}
