/**
 * Finds a Chromium for the browser tests of every package and gives playwright-core's launch options, with the
 * flags these machines need (without the background-networking ones, Chromium's own connections are refused by
 * the closed network).
 */
import { accessSync, constants, readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";

/** Names looked up on the PATH, in this order. */
export const BROWSER_COMMANDS = ["chromium", "chromium-browser", "google-chrome"];

/** The one line printed when no browser is found: what to install, or which variable to set. */
export const INSTALL_HINT =
  "No Chromium found (CHROMIUM_PATH, chromium, chromium-browser or google-chrome on the PATH, Playwright's browser cache): run `apt-get install -y chromium` (Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium or Chrome executable.";

/**
 * Where a browser was found.
 * @typedef {{ path: string, source: "CHROMIUM_PATH" | "PATH" | "playwright" }} FoundBrowser
 */

/**
 * @param {string} file
 * @returns {boolean} whether `file` is an executable regular file (symlinks followed)
 */
function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Looks `command` up on the PATH of `env`, like a shell does.
 * @param {string} command
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | undefined} the first executable file of that name
 */
export function findOnPath(command, env = process.env) {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, command);
    if (isExecutable(file)) return file;
  }
  return undefined;
}

/**
 * Playwright's browser cache: `PLAYWRIGHT_BROWSERS_PATH`, else the per-user default of each platform.
 * @param {NodeJS.ProcessEnv} env
 * @param {string} home
 * @param {NodeJS.Platform} platform
 * @returns {string}
 */
function playwrightCache(env, home, platform) {
  const custom = env.PLAYWRIGHT_BROWSERS_PATH;
  if (custom && custom !== "0") return custom;
  if (platform === "darwin") return join(home, "Library", "Caches", "ms-playwright");
  if (platform === "win32") return join(env.LOCALAPPDATA ?? join(home, "AppData", "Local"), "ms-playwright");
  return join(env.XDG_CACHE_HOME ?? join(home, ".cache"), "ms-playwright");
}

/** Executables inside one Playwright browser folder (full Chromium first, then the headless shell). */
const PLAYWRIGHT_EXECUTABLES = [
  "chrome-linux/chrome",
  "chrome-linux64/chrome",
  "chrome-mac/Chromium.app/Contents/MacOS/Chromium",
  "chrome-mac-arm64/Chromium.app/Contents/MacOS/Chromium",
  "chrome-win/chrome.exe",
  "chrome-linux/headless_shell",
  "chrome-headless-shell-linux64/chrome-headless-shell",
];

/**
 * The newest Chromium in Playwright's cache (`chromium-<revision>` before `chromium_headless_shell-<revision>`).
 * @param {string} cache
 * @returns {string | undefined}
 */
function findInPlaywrightCache(cache) {
  let folders;
  try {
    folders = readdirSync(cache);
  } catch {
    return undefined;
  }
  const revision = (name) => Number(name.slice(name.lastIndexOf("-") + 1)) || 0;
  const ranked = folders
    .filter((name) => /^chromium(_headless_shell)?-\d+$/.test(name))
    .sort(
      (a, b) => Number(a.includes("headless")) - Number(b.includes("headless")) || revision(b) - revision(a),
    );
  for (const folder of ranked) {
    for (const executable of PLAYWRIGHT_EXECUTABLES) {
      const file = join(cache, folder, executable);
      if (isExecutable(file)) return file;
    }
  }
  return undefined;
}

/**
 * Finds a browser: `CHROMIUM_PATH` when set (then it is the only candidate: a mistyped path is reported, never
 * silently replaced by another browser), else `chromium`, `chromium-browser`, `google-chrome` on the PATH, else
 * the newest Chromium in Playwright's browser cache.
 * @param {NodeJS.ProcessEnv} [env] the environment to read (tests pass their own)
 * @param {{ home?: string, platform?: NodeJS.Platform }} [where] home folder and platform, for the cache
 * @returns {FoundBrowser | { error: string }}
 */
export function findChromium(env = process.env, { home = homedir(), platform = process.platform } = {}) {
  const explicit = env.CHROMIUM_PATH;
  if (explicit) {
    return isExecutable(explicit)
      ? { path: explicit, source: "CHROMIUM_PATH" }
      : { error: `CHROMIUM_PATH=${explicit} is not an executable file: fix or unset it.` };
  }
  for (const command of BROWSER_COMMANDS) {
    const file = findOnPath(command, env);
    if (file) return { path: file, source: "PATH" };
  }
  const cached = findInPlaywrightCache(playwrightCache(env, home, platform));
  if (cached) return { path: cached, source: "playwright" };
  return { error: INSTALL_HINT };
}

/**
 * The options for playwright-core's `chromium.launch()`: the browser `findChromium` finds, headless.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ executablePath: string, args: string[] }}
 * @throws {Error} with one line naming what to install (or the bad `CHROMIUM_PATH`) when no browser is found
 */
export function chromiumLaunchOptions(env = process.env) {
  const found = findChromium(env);
  if ("error" in found) throw new Error(found.error);
  return {
    executablePath: found.path,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  };
}
