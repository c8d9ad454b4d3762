/**
 * Tarball smoke tests: the packed packages, installed with npm into a fresh project outside the workspace,
 * must import (ESM), require (CJS), type-check in a strict consumer (node16 and bundler), start the mock from
 * the installed bin, and drive every client method against it on Node 20, 22, 24, Bun and Deno.
 */
import { spawnSync } from "node:child_process";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain .mjs module without declarations
import { installRuntimes } from "../src/install-runtimes.mjs";
// @ts-expect-error plain .mjs module without declarations
import { runtimes } from "../src/runtimes.mjs";
import { type MockProcess, startMockCli } from "./helpers/mock-process.js";
import { expectClientReport, withoutEntry } from "./helpers/report.js";
import { runJsonScript } from "./helpers/run-script.js";
import { createTarballProject, REPO_ROOT, type TarballProject } from "./helpers/tarball-project.js";

interface Runtime {
  name: string;
  executable: string;
  args: (script: string) => string[];
  commonjs: boolean;
}

let project: TarballProject;
let mock: MockProcess;
let reference: Record<string, unknown> | undefined;

beforeAll(async () => {
  await installRuntimes();
  project = await createTarballProject();
  mock = await startMockCli(project.dir);
}, 300_000);

afterAll(async () => {
  await mock?.stop();
  if (project) await rm(project.dir, { recursive: true, force: true });
});

describe("installed packages", () => {
  it("carry real versions, the client depends on openapi-fetch only, the mock on what it runs, and test files stay out", async () => {
    const modules = join(project.dir, "node_modules", "@neuroio");
    const client = JSON.parse(await readFile(join(modules, "tokens-client", "package.json"), "utf8"));
    const mockManifest = JSON.parse(await readFile(join(modules, "tokens-mock", "package.json"), "utf8"));
    expect(Object.keys(client.dependencies)).toEqual(["openapi-fetch"]);
    expect(client.dependencies["openapi-fetch"]).toMatch(/^\d+\.\d+\.\d+$/);
    // The mock's dependencies are what it loads at run time (Prism's HTTP layer in-process, not its server);
    // Prism's CLI is dev-only.
    expect(Object.keys(mockManifest.dependencies).sort()).toEqual([
      "@neuroio/tokens-spec",
      "@stoplight/prism-core",
      "@stoplight/prism-http",
      "@stoplight/yaml",
    ]);
    for (const manifest of [client, mockManifest])
      expect(JSON.stringify(manifest)).not.toMatch(/workspace:|catalog:/);
    for (const name of ["tokens-client", "tokens-mock", "tokens-spec"]) {
      const files = await readdir(join(modules, name), { recursive: true });
      expect(files).toContain("LICENSE");
      expect(files.filter((file) => /(^|\/)(test|\.turbo)\/|\.test\.ts$|tsconfig/.test(file))).toEqual([]);
    }
  });

  it.each(["tsconfig.node16.json", "tsconfig.bundler.json", "tsconfig.mock.json"])(
    "type-check in a strict consumer (%s)",
    (config) => {
      const tsc = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
      const result = spawnSync(process.execPath, [tsc, "-p", config], { cwd: project.dir, encoding: "utf8" });
      expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({
        status: 0,
        output: "",
      });
    },
  );

  it.each(["mock-esm.mjs", "mock-cjs.cjs"])(
    "start the mock with startMockServer (%s, Node 20)",
    async (script) => {
      const result = await runJsonScript(process.execPath, [script], project.dir);
      expect(result).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), status: 200 });
      expect(result.url).not.toBe("http://127.0.0.1:0");
    },
  );
});

/** Runs one consumer fixture on a runtime and checks its report against the spec and the other runtimes. */
async function driveClient(runtime: Runtime, script: string, entry: string): Promise<void> {
  const report = await runJsonScript(runtime.executable, runtime.args(script), project.dir, {
    MOCK_URL: mock.url,
  });
  expect(report.entry).toBe(entry);
  expectClientReport(report);
  reference ??= withoutEntry(report);
  expect(withoutEntry(report)).toEqual(reference);
}

describe.each(runtimes() as Runtime[])("the client on $name", (runtime) => {
  it("works through import (ESM)", () => driveClient(runtime, "drive-esm.mjs", "dist/index.js"));

  it.runIf(runtime.commonjs)("works through require (CommonJS)", () =>
    driveClient(runtime, "drive-cjs.cjs", "dist/cjs/index.js"),
  );
});
