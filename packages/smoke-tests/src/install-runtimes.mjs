#!/usr/bin/env node
/**
 * Installs Node 22, Node 24, Bun and Deno from npm into `.cache/runtimes` (see runtimes.mjs). Idempotent: when
 * the folder already holds exactly the pinned set, it does nothing, so CI runs it once and every test run after
 * reuses it. Run by `pnpm check:setup` (the first step of `pnpm check`) and by the `beforeAll` of test/tarballs.test.ts (for a run of the tests alone).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { RUNTIMES_DIR, runtimeDependencies, runtimes } from "./runtimes.mjs";

/**
 * Makes sure the pinned runtimes are installed.
 * @returns {Promise<boolean>} true when it installed something, false when the cache was already complete
 */
export async function installRuntimes() {
  const manifest = `${JSON.stringify({ private: true, dependencies: runtimeDependencies() }, null, 2)}\n`;
  const manifestPath = `${RUNTIMES_DIR}package.json`;
  const current = await readFile(manifestPath, "utf8").catch(() => null);
  if (current === manifest && runtimes().every((runtime) => existsSync(runtime.executable))) return false;
  await mkdir(RUNTIMES_DIR, { recursive: true });
  await writeFile(manifestPath, manifest);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock"], {
    cwd: RUNTIMES_DIR,
    stdio: ["ignore", "inherit", "inherit"],
  });
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const installed = await installRuntimes();
  console.log(installed ? `Installed runtimes into ${RUNTIMES_DIR}` : `Runtimes already in ${RUNTIMES_DIR}`);
}
