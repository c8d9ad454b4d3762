/** Child processes for the benchmarks: spawn, wait for an HTTP answer, end by PID. */
import { spawn } from "node:child_process";
import { stopChild, waitForAnswer } from "../../../../scripts/lib/processes.mjs";

export { freePort, stopChild } from "../../../../scripts/lib/processes.mjs";

/**
 * A program to start: `file` (default: this Node) with `args`.
 * @typedef {{ file?: string, args: string[] }} Command
 */

/**
 * Starts `command` and resolves once `url` answers, with the child and the milliseconds from just before
 * the spawn to that first answer. The caller ends the child ({@link stopChild}).
 * @param {Command} command
 * @param {string} url what to poll
 * @returns {Promise<{ child: import("node:child_process").ChildProcess, readyMs: number }>}
 */
export async function startAndWait(command, url) {
  const started = performance.now();
  const child = spawn(command.file ?? process.execPath, command.args, {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  try {
    await waitForAnswer(url, { child });
  } catch (error) {
    await stopChild(child);
    throw new Error(`${error.message}\n${stderr}`);
  }
  return { child, readyMs: performance.now() - started };
}

/**
 * Starts `command`, measures from just before the spawn to the first answered request on `url`, and ends
 * the process (by its PID) before returning.
 * @param {Command} command
 * @param {string} url what to poll
 * @returns {Promise<number>} milliseconds
 */
export async function timeToFirstAnswer(command, url) {
  const { child, readyMs } = await startAndWait(command, url);
  await stopChild(child);
  return readyMs;
}
