/** check-package.mjs is a real gate: a package with types in the wrong place fails it, a correct one passes. */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, it } from "vitest";

const CHECK = fileURLToPath(new URL("../check-package.mjs", import.meta.url));
const execFileAsync = promisify(execFile);
const dirs = [];

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * Writes a fixture package (its own folder, so the tests run concurrently) with the given exports and fields,
 * whose dist/index.js is `code`, and runs the check in it.
 * @returns {Promise<{ status: number, stdout: string, stderr: string }>}
 */
async function check(exports, fields = { type: "module" }, code = "export const answer = 42;\n") {
  const dir = await mkdtemp(join(tmpdir(), "neuroio-check-package-test-"));
  dirs.push(dir);
  await mkdir(join(dir, "dist"));
  await writeFile(join(dir, "dist", "index.js"), code);
  await writeFile(join(dir, "dist", "index.d.ts"), "export declare const answer: number;\n");
  const manifest = { name: "check-package-fixture", version: "1.0.0", files: ["dist"], exports, ...fields };
  await writeFile(join(dir, "package.json"), JSON.stringify(manifest));
  // NO_COLOR: publint's colours switch on when CI is set, and the assertions read its plain text.
  const env = { ...process.env, NO_COLOR: "1" };
  return execFileAsync(process.execPath, [CHECK], { cwd: dir, encoding: "utf8", env }).then(
    ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
    (error) => ({ status: error.code ?? 1, stdout: error.stdout ?? "", stderr: error.stderr ?? "" }),
  );
}

// Each test packs its own fixture once and runs publint and attw on it; the four fixtures are checked at once.
describe.concurrent("check-package.mjs", () => {
  it("fails when `types` comes after the condition it types (publint)", async ({ expect }) => {
    const result = await check({ ".": { import: "./dist/index.js", types: "./dist/index.d.ts" } });
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/types/);
  });

  it("fails a package whose only fault is condition order, which attw accepts (publint)", async ({
    expect,
  }) => {
    const result = await check(
      { ".": { default: "./dist/index.js", types: "./dist/index.d.ts" } },
      { type: "commonjs", main: "./dist/index.js", types: "./dist/index.d.ts" },
      "exports.answer = 42;\n",
    );
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain('pkg.exports["."].types should be the first in the object');
    expect(result.stderr).toContain("check:package failed for check-package-fixture");
  });

  it("fails an ESM-only package that CommonJS consumers cannot require types for (attw)", async ({
    expect,
  }) => {
    const result = await check({ ".": { types: "./dist/index.d.ts", import: "./dist/index.js" } });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain("ESM (dynamic import only)");
    expect(result.stderr).toContain("check:package failed for check-package-fixture");
  });

  it("passes a package whose exports are right for every resolution mode", async ({ expect }) => {
    const result = await check(
      { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } },
      { type: "commonjs", main: "./dist/index.js", types: "./dist/index.d.ts" },
      "exports.answer = 42;\n",
    );
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
  });
});
