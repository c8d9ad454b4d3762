/** Runs the installed mock's CLI (`neuroio-tokens-mock`) as a child process for the runtime smoke tests. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { freePort, stopChild, waitForAnswer } from "@neuroio/test-support/processes";

/** A running mock CLI process. */
export interface MockProcess {
  /** Base URL, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  /** Ends the process (by its PID) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `node_modules/.bin/neuroio-tokens-mock` of the project in `projectDir` on a free port (with
 * `extraArgs`, e.g. `--stateful`) and resolves
 * once it answers a request, or rejects after `timeoutMs` with what the process printed.
 */
export async function startMockCli(
  projectDir: string,
  extraArgs: string[] = [],
  timeoutMs = 60_000,
): Promise<MockProcess> {
  const port: number = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const bin = join(projectDir, "node_modules", ".bin", "neuroio-tokens-mock");
  const child = spawn(bin, ["--port", String(port), "--host", "127.0.0.1", "--quiet", ...extraArgs], {
    cwd: projectDir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  child.on("error", (error) => {
    output += `${error.message}\n`;
  });
  try {
    await waitForAnswer(`${url}/v1/tokens/`, { timeoutMs, intervalMs: 50, child });
  } catch (error) {
    await stopChild(child);
    throw new Error(`neuroio-tokens-mock did not answer on ${url}: ${(error as Error).message}\n${output}`);
  }
  return { url, stop: () => stopChild(child) };
}
