/** Runs the installed mock's CLI (`neuroio-tokens-mock`) as a child process for the runtime smoke tests. */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

/** A running mock CLI process. */
export interface MockProcess {
  /** Base URL, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  /** Ends the process (by its PID) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return address.port;
}

/**
 * Starts `node_modules/.bin/neuroio-tokens-mock` of the project in `projectDir` on a free port and resolves
 * once it answers a request, or rejects after `timeoutMs` with what the process printed.
 */
export async function startMockCli(projectDir: string, timeoutMs = 20_000): Promise<MockProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const bin = join(projectDir, "node_modules", ".bin", "neuroio-tokens-mock");
  const child = spawn(bin, ["--port", String(port), "--host", "127.0.0.1", "--quiet"], {
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
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop(child);
      throw new Error(`neuroio-tokens-mock did not answer on ${url}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, stop: () => stop(child) };
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/v1/tokens/`, { headers: { Authorization: "Token ready-check" } });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
