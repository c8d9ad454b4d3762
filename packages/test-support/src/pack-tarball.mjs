/** Packs one workspace package with pnpm (scripts/check-package.mjs and the smoke tests). */
import { execFileSync } from "node:child_process";

/**
 * Runs `pnpm pack` in `packageDir`, so `workspace:` and `catalog:` versions are rewritten to real ones and
 * `files` is applied exactly as `pnpm publish` would, and writes the tarball into `destination`.
 * @param {string} packageDir folder holding the package.json
 * @param {string} destination existing folder for the .tgz
 * @returns {string} absolute path of the tarball
 */
export function packTarball(packageDir, destination) {
  let output;
  try {
    output = execFileSync("pnpm", ["pack", "--json", "--pack-destination", destination], {
      cwd: packageDir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    throw new Error(`pnpm pack failed in ${packageDir}:\n${error.stdout ?? ""}${error.stderr ?? ""}`);
  }
  const { filename } = JSON.parse(output);
  if (typeof filename !== "string") throw new Error(`pnpm pack printed no filename in ${packageDir}`);
  return filename;
}
