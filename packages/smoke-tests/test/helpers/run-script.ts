/** Runs a consumer script under a runtime and parses the JSON line it prints. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/**
 * Runs `executable ...args` in `cwd` with extra environment, and returns the last stdout line parsed as JSON.
 * Rejects with stderr included when the process fails.
 */
export async function runJsonScript(
  executable: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  try {
    const { stdout } = await execFileAsync(executable, args, {
      cwd,
      env: { ...process.env, ...env, NO_COLOR: "1" },
      // A hang guard only (the child is killed then): far above what a loaded machine needs.
      timeout: 300_000,
    });
    const lines = stdout.trim().split("\n");
    return JSON.parse(lines[lines.length - 1] ?? "null");
  } catch (error) {
    const { stderr = "", stdout = "" } = error as { stderr?: string; stdout?: string };
    throw new Error(
      `${executable} ${args.join(" ")} failed: ${(error as Error).message}\n${stdout}\n${stderr}`,
    );
  }
}
