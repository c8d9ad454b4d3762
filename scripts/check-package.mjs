#!/usr/bin/env node
/**
 * `check:package`: packs the package in the current directory exactly as `pnpm publish` would (workspace: and
 * catalog: versions rewritten, `files` applied), then lints the tarball with publint (strict: warnings fail)
 * and, when the package ships JavaScript, with Are the Types Wrong (`strict` profile: node10, node16-CJS,
 * node16-ESM and bundler resolution). Exits non-zero on any problem.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packTarball } from "./lib/pack-tarball.mjs";

const packageDir = process.cwd();
const manifest = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8"));
const rootModules = new URL("../node_modules/", import.meta.url);
const bin = (pkg, name) => new URL(`${pkg}/${name}`, rootModules).pathname;

const workDir = await mkdtemp(join(tmpdir(), "neuroio-check-package-"));
try {
  const tarball = packTarball(packageDir, workDir);
  const run = (script, args) => {
    try {
      execFileSync(process.execPath, [script, ...args], { cwd: packageDir, stdio: "inherit" });
    } catch {
      // The tool printed its findings above; one line instead of a Node stack trace.
      console.error(`check:package failed for ${manifest.name}: see the problems reported above.`);
      process.exit(1);
    }
  };
  run(bin("publint", "src/cli.js"), ["run", tarball, "--strict"]);
  if (manifest.exports && Object.values(manifest.exports).some((target) => typeof target === "object")) {
    run(bin("@arethetypeswrong/cli", "dist/index.js"), [tarball, "--profile", "strict", "--format", "table"]);
  } else {
    console.log(`${manifest.name} ships no JavaScript entry points: attw skipped.`);
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
}
