/**
 * Makes sure the browser tests have a Chromium before any test runs: finds one, or installs Debian's `chromium`
 * when running as root on a machine with apt (a fresh CI container), or reports in one line what to install.
 */
import { spawnSync } from "node:child_process";
import { findChromium, findOnPath } from "./chromium.mjs";

/** Runs `apt-get update` and `apt-get install -y chromium`, output shown; true when both succeed. */
function aptInstallChromium() {
  const options = { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } };
  if (spawnSync("apt-get", ["update"], options).status !== 0) return false;
  return spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], options).status === 0;
}

/**
 * Finds a Chromium, installing Debian's when none is found, `CHROMIUM_PATH` is unset, we are root and apt-get
 * exists (an explicit but wrong `CHROMIUM_PATH` is the user's to fix: installing would not change what is used).
 * @param {{ env?: NodeJS.ProcessEnv, isRoot?: boolean, install?: () => boolean, log?: (line: string) => void }} [deps]
 *   injected by the tests; the defaults read this process
 * @returns {{ path: string } | { error: string }} the browser, or the one line to print
 */
export function ensureChromium({
  env = process.env,
  isRoot = process.getuid?.() === 0,
  install = aptInstallChromium,
  log = console.log,
} = {}) {
  const found = findChromium(env);
  if (!("error" in found)) return { path: found.path };
  if (env.CHROMIUM_PATH || !isRoot || !findOnPath("apt-get", env)) return found;
  log("No Chromium found: installing Debian's chromium with apt-get (running as root).");
  if (!install()) return { error: `apt-get install -y chromium failed (see above). ${found.error}` };
  const installed = findChromium(env);
  return "error" in installed ? installed : { path: installed.path };
}
