/** Child processes for the benchmarks: spawn, wait for an HTTP answer, end by PID. */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { stopChild, waitForAnswer } from "@neuroio/test-support/processes";

export { freePort, stopChild } from "@neuroio/test-support/processes";

/**
 * A program to start: `file` (default: this Node) with `args`, and `env` added to this process's environment.
 * @typedef {{ file?: string, args: string[], env?: Record<string, string> }} Command
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
    ...(command.env ? { env: { ...process.env, ...command.env } } : {}),
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
 * @returns {Promise<{ readyMs: number, cpuMs: number | undefined }>} wall milliseconds, and the CPU time the
 * process had used by then (all its threads; Linux only), which a loaded machine distorts far less
 */
export async function timeToFirstAnswer(command, url) {
  const { child, readyMs } = await startAndWait(command, url);
  const cpuMs = child.pid === undefined ? undefined : cpuMillis(child.pid);
  await stopChild(child);
  return { readyMs, cpuMs };
}

/** User + system CPU time of a process from /proc (clock ticks of 10 ms), or `undefined` elsewhere. */
function cpuMillis(pid) {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14, 15.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
