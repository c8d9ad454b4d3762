/**
 * Section 4 of `pnpm bench`, also run alone by `pnpm bench:mock`: readiness, throughput and live reload of our
 * CLI against the Prism CLI and Steady, and the `pnpm dev` spec loop (save → schema.ts).
 */
import { find, markdownTable, ms, ratio, verdict } from "../lib/format.mjs";
import { runSpecLoop } from "../tooling/spec-loop.mjs";
import { runMockReadiness, runPeerThroughput } from "./bench.mjs";
import { runMockReload } from "./reload.mjs";

const OURS = "neuroio-tokens-mock CLI";
const OURS_COLD = "neuroio-tokens-mock CLI, cold (first start: no code cache)";
const STEADY = "Steady 0.22.2 (binary)";

/**
 * Runs the mock benchmarks and prints them as markdown.
 * @param {{ quick: boolean }} options fewer rounds when `quick`
 */
export async function printMockSection({ quick }) {
  console.log("## 4. Mock servers: readiness, throughput, live reload\n");
  const mockRows = await runMockReadiness(quick ? { rounds: 2 } : {});
  const steady = find(mockRows, STEADY);
  console.log(
    "Readiness: from just before the spawn to the first answered `GET /v1/tokens/` (wall), and the CPU time the\n" +
      "process had used by then (user + system, all threads; far less distorted by a loaded machine).\n",
  );
  const cpuCell = (r) =>
    r.cpuMs === undefined || steady.cpuMs === undefined
      ? "-"
      : `${ms(r.cpuMs)} (${ratio(r.cpuMs / steady.cpuMs)})`;
  console.log(
    markdownTable(
      ["mock", "ready (median)", "fastest", "vs Steady", "CPU to ready (vs Steady)"],
      mockRows.map((r) => [
        r.name,
        ms(r.readyMs),
        ms(r.minMs),
        ratio(r.readyMs / steady.readyMs),
        cpuCell(r),
      ]),
    ),
  );
  const oursReady = find(mockRows, OURS).readyMs / steady.readyMs;
  const coldReady = find(mockRows, OURS_COLD).readyMs / steady.readyMs;
  console.log(
    `\nTarget: our CLI ready in ≤ 1.5x Steady's time: ${ratio(oursReady)}, ${verdict(oursReady <= 1.5)}` +
      ` (first start after an install, no code cache yet: ${ratio(coldReady)}, ${verdict(coldReady <= 1.5)}).\n`,
  );
  const rateRows = await runPeerThroughput(quick ? { rounds: 2, calls: 200, warmup: 50 } : {});
  const steadyRate = find(rateRows, STEADY).perSecond;
  console.log(
    "Sequential `GET /v1/tokens/` on one keep-alive connection, one process each, no request log.\n",
  );
  console.log(
    markdownTable(
      ["mock", "req/s (median)", "vs Steady"],
      rateRows.map((r) => [r.name, r.perSecond.toFixed(0), ratio(r.perSecond / steadyRate)]),
    ),
  );
  const reloadRows = await runMockReload(quick ? { edits: 3 } : {});
  console.log("\nLive reload: write of an edited example → the first `GET` that serves it.\n");
  console.log(
    markdownTable(
      ["mock", "reload (median)", "slowest", "edits not served within 5 s"],
      reloadRows.map((r) => [
        r.name,
        r.medianMs === undefined ? "-" : ms(r.medianMs),
        r.maxMs === undefined ? "-" : ms(r.maxMs),
        r.missed,
      ]),
    ),
  );
  const reload = find(reloadRows, OURS);
  const reloadMet =
    reload.missed === 0 && (reload.medianMs ?? Infinity) <= 300 && (reload.maxMs ?? Infinity) <= 1000;
  console.log(`\nTarget: median ≤ 300 ms, every edit within 1 s: ${verdict(reloadMet)}.\n`);
  const loop = await runSpecLoop(quick ? { edits: 2 } : {});
  console.log(
    `\n\`pnpm dev\` spec loop: write of an edited spec → schema.ts rewritten: median ${ms(loop.medianMs)}, ` +
      `slowest ${ms(loop.maxMs)}. Target ≤ 2 s: ${verdict(loop.maxMs <= 2000)}.\n`,
  );
}
