/** check-package.mjs is a real gate: a package with types in the wrong place fails it, a correct one passes. */
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, it } from "vitest";

const CHECK = fileURLToPath(new URL("../check-package.mjs", import.meta.url));
let dir;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "neuroio-check-package-test-"));
  await mkdir(join(dir, "dist"));
  await writeFile(join(dir, "dist", "index.js"), "export const answer = 42;\n");
  await writeFile(join(dir, "dist", "index.d.ts"), "export declare const answer: number;\n");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes the package.json with the given fields and runs the check in the package folder. */
async function check(exports, fields = { type: "module" }) {
  const manifest = { name: "check-package-fixture", version: "1.0.0", files: ["dist"], exports, ...fields };
  await writeFile(join(dir, "package.json"), JSON.stringify(manifest));
  // NO_COLOR: publint's colours switch on when CI is set, and the assertions read its plain text.
  return spawnSync(process.execPath, [CHECK], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
}

it("fails when `types` comes after the condition it types (publint)", async () => {
  const result = await check({ ".": { import: "./dist/index.js", types: "./dist/index.d.ts" } });
  expect(result.status).not.toBe(0);
  expect(result.stdout + result.stderr).toMatch(/types/);
});

it("fails a package whose only fault is condition order, which attw accepts (publint)", async () => {
  await writeFile(join(dir, "dist", "index.js"), "exports.answer = 42;\n");
  const result = await check(
    { ".": { default: "./dist/index.js", types: "./dist/index.d.ts" } },
    { type: "commonjs", main: "./dist/index.js", types: "./dist/index.d.ts" },
  );
  expect(result.status).not.toBe(0);
  expect(result.stdout).toContain('pkg.exports["."].types should be the first in the object');
  expect(result.stderr).toContain("check:package failed for check-package-fixture");
}, 30_000);

it("fails an ESM-only package that CommonJS consumers cannot require types for (attw)", async () => {
  const result = await check({ ".": { types: "./dist/index.d.ts", import: "./dist/index.js" } });
  expect(result.status).not.toBe(0);
  expect(result.stdout).toContain("ESM (dynamic import only)");
  expect(result.stderr).toContain("check:package failed for check-package-fixture");
});

it("passes a package whose exports are right for every resolution mode", async () => {
  await writeFile(join(dir, "dist", "index.js"), "exports.answer = 42;\n");
  const result = await check(
    { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } },
    { type: "commonjs", main: "./dist/index.js", types: "./dist/index.d.ts" },
  );
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
}, 30_000);
