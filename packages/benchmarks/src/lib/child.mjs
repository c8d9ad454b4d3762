/** Child processes for the benchmarks: spawn, wait for an HTTP answer, end by PID. */
import { spawn } from "node:child_process";
import { stopChild, waitForAnswer } from "@neuroio/test-support/processes";

export { freePort, stopChild } from "@neuroio/test-support/processes";

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
