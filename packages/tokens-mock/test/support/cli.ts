import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, expect } from "vitest";

/** The CLI as installed: the package's `bin`, which runs the one-file bundle `pnpm build` makes. */
export const CLI_PATH = fileURLToPath(new URL("../../bin/neuroio-tokens-mock.cjs", import.meta.url));
const BUNDLE_PATH = fileURLToPath(new URL("../../dist/cli.cjs", import.meta.url));

/** A CLI process this test started, with everything it printed so far. */
export interface CliRun {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  exited: Promise<number | string>;
}

/** How to start the CLI's Node: extra Node flags (before the script) and environment variables. */
export interface CliProcessOptions {
  nodeArgs?: readonly string[];
  env?: Record<string, string>;
}

/** Starts `neuroio-tokens-mock ...args` (the bin, through this Node). */
export function runCli(args: readonly string[], options: CliProcessOptions = {}): CliRun {
  if (!existsSync(BUNDLE_PATH)) throw new Error(`${BUNDLE_PATH} is missing: run \`pnpm build\` first.`);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI_PATH, ...args], {
    stdio: "pipe",
    env: { ...process.env, ...options.env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Waits until the CLI prints its URL; fails with what it printed when it exits or takes over `timeoutMs`. */
export async function waitForUrl(run: CliRun, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void run.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    const match = /listening on (http:\/\/\S+)/.exec(run.stdout());
    if (match?.[1] !== undefined) return match[1];
    if (exited) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`The CLI printed no URL.\nstdout: ${run.stdout()}\nstderr: ${run.stderr()}`);
}

/** Ends a CLI process this test started (by its PID), if it still runs. */
export function stopCli(run: CliRun): void {
  if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill("SIGKILL");
}

/**
 * For a test file: returns a function that starts the CLI like {@link runCli}, and stops every process it
 * started that still runs after each test.
 */
export function cliRunner(): (args: readonly string[], options?: CliProcessOptions) => CliRun {
  const started: CliRun[] = [];
  afterEach(() => {
    for (const run of started.splice(0)) stopCli(run);
  });
  return (args, options) => {
    const run = runCli(args, options);
    started.push(run);
    return run;
  };
}

/** Expects the CLI to exit 1 after printing exactly one line on stderr, matching `line`. */
export async function expectOneLineFailure(run: CliRun, line: RegExp): Promise<void> {
  expect(await run.exited).toBe(1);
  expect(run.stderr()).toMatch(line);
  expect(run.stderr().trimEnd().split("\n")).toHaveLength(1);
}
