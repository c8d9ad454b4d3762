/**
 * The mock as it was before issue 10 (commit e582fe3: a front, Prism's HTTP server and a backend server per
 * process), built once into `node_modules/.cache/neuroio-bench/mock-e582fe3` of this package, so that the
 * throughput benchmark measures it side by side with this build: a ratio measured in one run is the only fair
 * one on a shared machine. Extracted with `git archive` (no worktree is registered), installed from pnpm's
 * store where it can be, built with its own toolchain.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The last commit before issue 10 rebuilt the mock's request path. */
export const OLD_MOCK_COMMIT = "e582fe3";

const packageRoot = fileURLToPath(new URL("../..", import.meta.url));
const repositoryRoot = join(packageRoot, "..", "..");
const checkout = join(packageRoot, "node_modules", ".cache", "neuroio-bench", `mock-${OLD_MOCK_COMMIT}`);
const bin = join(checkout, "packages", "tokens-mock", "bin", "neuroio-tokens-mock.js");

/**
 * The bin of the old build, building it first if needed (a minute or two, once), or `undefined` with the
 * reason when it cannot be built here (no git history, say: a source tarball).
 * @returns {{ bin: string } | { reason: string }}
 */
export function oldMockBin() {
  if (existsSync(join(checkout, "packages", "tokens-mock", "dist", "cli.js"))) return { bin };
  try {
    rmSync(checkout, { recursive: true, force: true });
    mkdirSync(checkout, { recursive: true });
    const archive = execFileSync("git", ["-C", repositoryRoot, "archive", OLD_MOCK_COMMIT], {
      maxBuffer: 256 * 1024 * 1024,
    });
    execFileSync("tar", ["-x", "-C", checkout], { input: archive });
    const quiet = { cwd: checkout, stdio: "ignore" };
    execFileSync("pnpm", ["install", "--frozen-lockfile", "--prefer-offline"], quiet);
    execFileSync("pnpm", ["turbo", "run", "build", "--filter=@neuroio/tokens-mock..."], quiet);
    return { bin };
  } catch (error) {
    rmSync(checkout, { recursive: true, force: true });
    return { reason: `the build of ${OLD_MOCK_COMMIT} failed: ${error.message.split("\n")[0]}` };
  }
}
