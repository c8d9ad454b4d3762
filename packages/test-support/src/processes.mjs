/** Process helpers shared by the tests and the benchmarks: free ports, readiness, ending a child by PID. */
import { createServer } from "node:net";

/**
 * Asks the OS for a free TCP port on 127.0.0.1 (listen on port 0, read it, close).
 * @returns {Promise<number>}
 */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = server.address();
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return address.port;
}

/**
 * Ends a child process by its PID (SIGTERM) and waits until it has exited; no-op when it already has.
 * @param {import("node:child_process").ChildProcess} child
 * @returns {Promise<void>}
 */
export async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", () => resolve(undefined)));
  child.kill("SIGTERM");
  await exited;
}

/**
 * Polls `url` (with an `Authorization: Token` header) every `intervalMs` until any HTTP answer arrives.
 * Rejects when `child` exits first or after `timeoutMs`.
 * @param {string} url
 * @param {{ timeoutMs?: number, intervalMs?: number, child?: import("node:child_process").ChildProcess }} options
 * @returns {Promise<void>}
 */
export async function waitForAnswer(url, { timeoutMs = 30_000, intervalMs = 5, child } = {}) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { headers: { Authorization: "Token ready-check" } });
      await response.arrayBuffer();
      return;
    } catch {
      if (child && child.exitCode !== null) throw new Error(`${child.spawnargs.join(" ")} exited early`);
      if (performance.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
