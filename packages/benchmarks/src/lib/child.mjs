/** Child processes for the benchmarks: spawn, wait for an HTTP answer, end by PID. */
import { spawn } from "node:child_process";
import { createServer } from "node:net";

/** Asks the OS for a free TCP port on 127.0.0.1. */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return address.port;
}

/**
 * Polls `url` every `intervalMs` until any HTTP answer arrives.
 * @param {string} url
 * @param {{ timeoutMs?: number, intervalMs?: number, child?: import("node:child_process").ChildProcess }} options
 */
export async function waitForAnswer(url, { timeoutMs = 30_000, intervalMs = 5, child } = {}) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { headers: { Authorization: "Token benchmark-token" } });
      await response.arrayBuffer();
      return;
    } catch {
      if (child && child.exitCode !== null) throw new Error(`${child.spawnargs.join(" ")} exited early`);
      if (performance.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/**
 * Starts `node ...args` and measures from just before the spawn to the first answered request on `url`.
 * The process is ended (by its PID) before returning.
 * @param {string[]} args node arguments
 * @param {string} url what to poll
 * @returns {Promise<number>} milliseconds
 */
export async function timeToFirstAnswer(args, url) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  try {
    await waitForAnswer(url, { child }).catch((error) => {
      throw new Error(`${error.message}\n${stderr}`);
    });
    return performance.now() - started;
  } finally {
    await stopChild(child);
  }
}

/**
 * Ends a child process by its PID and waits for it to exit.
 * @param {import("node:child_process").ChildProcess} child
 */
export async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
