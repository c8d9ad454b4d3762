#!/usr/bin/env node
/**
 * Benchmark 6: how long a Node process lives after a timed-out call against a server that never answers.
 * A fresh `node` runs `createTokensClient({ timeoutMs, maxRetries: 0 }).tokens.list()`, catches the
 * `NeuroioTimeoutError` and does nothing more; this measures from the error to the process's exit, and
 * from the spawn to the exit. The server (this process, 127.0.0.1, a free port) takes each request and
 * never answers; it also reports whether the client closed the socket.
 *
 * Run alone: `node packages/benchmarks/src/exit/bench.mjs [--timeout-ms 300] [--rounds 3]` (after `pnpm build`).
 */
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { median } from "../lib/stats.mjs";

/** What the child runs: one call, the error's name and the time it arrived on stdout, then nothing. */
const CHILD = `
import { createTokensClient } from "@neuroio/tokens-client";
const client = createTokensClient({ apiToken: "benchmark-token-0123456789", baseUrl: process.argv[1], timeoutMs: Number(process.argv[2]), maxRetries: 0 });
const error = await client.tokens.list().catch((e) => e);
console.log(JSON.stringify({ name: error?.name, at: performance.timeOrigin + performance.now() }));
`;

/**
 * @param {{ rounds?: number, timeoutMs?: number, limitMs?: number }} options `limitMs`: kill a child still
 *   alive after this long (the old client lived about 300 s)
 * @returns {Promise<{ timeoutMs: number, errorToExitMs: number, spawnToExitMs: number, errors: string[], closedSockets: number, killed: number }>}
 */
export async function runExitAfterTimeout({ rounds = 3, timeoutMs = 300, limitMs = 30_000 } = {}) {
  let closedSockets = 0;
  const server = createServer((request) => {
    request.socket.once("close", () => {
      closedSockets += 1;
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const errorToExit = [];
  const spawnToExit = [];
  const errors = [];
  let killed = 0;
  try {
    for (let round = 0; round < rounds; round++) {
      const started = performance.timeOrigin + performance.now();
      const child = spawn(process.execPath, ["--input-type=module", "-e", CHILD, url, String(timeoutMs)], {
        cwd: fileURLToPath(new URL("../..", import.meta.url)),
        stdio: ["ignore", "pipe", "inherit"],
      });
      let output = "";
      child.stdout.on("data", (chunk) => {
        output += chunk;
      });
      const guard = setTimeout(() => {
        killed += 1;
        child.kill("SIGKILL");
      }, limitMs);
      await new Promise((resolve) => child.once("exit", resolve));
      const exited = performance.timeOrigin + performance.now();
      clearTimeout(guard);
      const { name, at } = JSON.parse(output || "{}");
      errors.push(String(name));
      errorToExit.push(exited - at);
      spawnToExit.push(exited - started);
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return {
    timeoutMs,
    errorToExitMs: median(errorToExit),
    spawnToExitMs: median(spawnToExit),
    errors,
    closedSockets,
    killed,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const at = process.argv.indexOf(name);
    return at === -1 ? fallback : Number(process.argv[at + 1]);
  };
  const result = await runExitAfterTimeout({
    rounds: arg("--rounds", 3),
    timeoutMs: arg("--timeout-ms", 300),
  });
  console.log(JSON.stringify(result, null, 2));
}
