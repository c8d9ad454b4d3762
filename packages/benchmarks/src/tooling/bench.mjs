/** Benchmark 4: `pnpm generate` wall time, and `pnpm build` when turbo's cache holds every task. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { median } from "../lib/stats.mjs";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** Runs `pnpm <script>` at the repo root; returns wall milliseconds and stdout. */
function timePnpm(script) {
  const started = performance.now();
  const result = spawnSync("pnpm", [script], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`pnpm ${script} failed:\n${result.stdout}${result.stderr}`);
  return { ms, stdout: result.stdout };
}

/**
 * @param {{ rounds?: number }} options
 * @returns {{ generateMs: number, cachedBuildMs: number, cachedTasks: string }}
 */
export function runTooling({ rounds = 3 } = {}) {
  const generate = Array.from({ length: rounds }, () => timePnpm("generate").ms);
  timePnpm("build"); // fills the cache if anything changed since the last build
  const builds = Array.from({ length: rounds }, () => timePnpm("build"));
  const last = builds.at(-1)?.stdout ?? "";
  const cachedTasks = /Cached:\s+(\d+ cached, \d+ total)/.exec(last)?.[1] ?? "unknown";
  return { generateMs: median(generate), cachedBuildMs: median(builds.map((b) => b.ms)), cachedTasks };
}
