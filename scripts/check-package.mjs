#!/usr/bin/env node
/**
 * `check:package`: packs the package in the current directory exactly as `pnpm publish` would (workspace: and
 * catalog: versions rewritten, `files` applied), then lints the tarball with publint (strict: warnings fail)
 * and, when the package ships JavaScript, with Are the Types Wrong (`strict` profile: node10, node16-CJS,
 * node16-ESM and bundler resolution). Exits non-zero on any problem.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { packTarball } from "@neuroio/test-support/pack-tarball";

const execFileAsync = promisify(execFile);
const packageDir = process.cwd();
const manifest = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8"));
const rootModules = new URL("../node_modules/", import.meta.url);
const bin = (pkg, name) => new URL(`${pkg}/${name}`, rootModules).pathname;

/**
 * Runs one checker on the tarball and collects its output (printed later, in a fixed order, so the two
 * concurrent checkers never interleave their lines).
 * @returns {Promise<{ ok: boolean, stdout: string, stderr: string }>}
 */
async function runChecker(script, args) {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [script, ...args], {
      cwd: packageDir,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { ok: true, stdout, stderr };
  } catch (error) {
    return { ok: false, stdout: error.stdout ?? "", stderr: error.stderr ?? error.message };
  }
}

const workDir = await mkdtemp(join(tmpdir(), "neuroio-check-package-"));
let failed = false;
try {
  // One pack, then publint and attw on the same tarball at once: they only read it.
  const tarball = packTarball(packageDir, workDir);
  const checks = [runChecker(bin("publint", "src/cli.js"), ["run", tarball, "--strict"])];
  if (manifest.exports && Object.values(manifest.exports).some((target) => typeof target === "object")) {
    checks.push(
      runChecker(bin("@arethetypeswrong/cli", "dist/index.js"), [
        tarball,
        "--profile",
        "strict",
        "--format",
        "table",
      ]),
    );
  } else {
    console.log(`${manifest.name} ships no JavaScript entry points: attw skipped.`);
  }
  for (const result of await Promise.all(checks)) {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    failed ||= !result.ok;
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
}
if (failed) {
  // The tools printed their findings above; one line instead of a Node stack trace.
  console.error(`check:package failed for ${manifest.name}: see the problems reported above.`);
  process.exit(1);
}
