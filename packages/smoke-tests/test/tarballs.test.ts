/**
 * Tarball smoke tests: the packed packages, installed with npm into a fresh project outside the workspace,
 * must import (ESM), require (CJS), type-check in a strict consumer (node16 and bundler), start the mock from
 * the installed bin, and drive every client method against it (static and a fresh --stateful mock) on Node 20,
 * 22, 24, Bun and Deno (without --allow-env), and, bundled, in Cloudflare's workerd and the Vercel Edge runtime.
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
import { bundleWorker, runInEdge, runInWorkerd } from "./helpers/worker-runtimes.js";

interface Runtime {
  name: string;
  executable: string;
  args: (script: string) => string[];
  commonjs: boolean;
  env: boolean;
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
  const report = await runJsonScript(runtime.executable, [...runtime.args(script), mock.url], project.dir);
  expectReport(report, entry);
}

/** Checks a report: the client file it loaded, every method's result, and equality with the first runtime's. */
function expectReport(report: Record<string, unknown>, entry: string): void {
  expect(report.entry).toBe(entry);
  expectClientReport(report);
  reference ??= withoutEntry(report);
  expect(withoutEntry(report)).toEqual(reference);
}

/** The fixed development key of the stateful mocks (`--token`). */
const STATEFUL_KEY = "smoke-stateful-key-0001";
let statefulReference: Record<string, unknown> | undefined;

/** Runs `drive` against a fresh stateful mock from the installed bin, then stops the mock. */
async function withStatefulMock<T>(drive: (url: string) => Promise<T>): Promise<T> {
  const stateful = await startMockCli(project.dir, ["--stateful", "--token", STATEFUL_KEY]);
  try {
    return await drive(stateful.url);
  } finally {
    await stateful.stop();
  }
}

/**
 * Checks a stateful report (ids, keys and times normalized, see fixtures/stateful-exercise.mjs): each answer
 * follows from the ones before, and the whole report equals the first runtime's (Node 20's in a full run).
 */
function expectStatefulReport(report: Record<string, unknown>): void {
  const created = report.created as Record<string, unknown>;
  expect(created).toEqual(expect.objectContaining({ id: expect.stringMatching(/^id#/), is_active: true }));
  expect(report.listed).toEqual(expect.arrayContaining([created]));
  expect(report.listedAll).toEqual(report.listed);
  expect(report.byId).toEqual(created);
  expect(report.byKey).toEqual(created);
  expect(report.updated).toEqual(
    expect.objectContaining({ id: created.id, key: created.key, is_active: false }),
  );
  const unauthorized = { name: "AuthenticationError", status: 401, isApiError: true };
  expect(report.deactivatedKey).toEqual(unauthorized);
  expect(report.deleted).toBe("undefined");
  expect(report.afterDelete).toEqual({ name: "NotFoundError", status: 404, isApiError: true });
  const rotated = report.rotated as Record<string, unknown>;
  expect(rotated.id).not.toBe(created.id);
  expect(rotated.key).not.toBe(created.key);
  expect(report.afterRotate).toEqual(rotated);
  expect(report.rawStatus).toBe(200);
  // rotate() retires the old key by deactivating it: the fixed key's permanent token is now inactive.
  expect(report.permanent).toEqual(
    expect.arrayContaining([expect.objectContaining({ key: "key#fixed", is_active: false })]),
  );
  expect(report.deletedList).toBe("undefined");
  expect(report.afterDeleteList).toEqual(unauthorized);
  statefulReference ??= report;
  expect(report).toEqual(statefulReference);
}

describe.each(runtimes() as Runtime[])("the client on $name", (runtime) => {
  it("works through import (ESM)", () => driveClient(runtime, "drive-esm.mjs", "dist/index.js"));

  it.runIf(runtime.commonjs)("works through require (CommonJS)", () =>
    driveClient(runtime, "drive-cjs.cjs", "dist/index.cjs"),
  );

  it("drives every method against a fresh stateful mock", async () => {
    const report = await withStatefulMock((url) =>
      runJsonScript(
        runtime.executable,
        [...runtime.args("drive-stateful.mjs"), url, STATEFUL_KEY],
        project.dir,
      ),
    );
    expectStatefulReport(report);
  });

  it(`reads NEUROIO_* ${runtime.env ? "from the environment" : "as unset, the environment being denied"}`, async () => {
    const report = await runJsonScript(runtime.executable, runtime.args("env-fallbacks.mjs"), project.dir, {
      NEUROIO_BASE_URL: "https://env.example",
      NEUROIO_API_TOKEN: "",
    });
    expect(report).toEqual({
      baseUrl: runtime.env ? "https://env.example" : "https://iam.neuroio.com",
      withoutToken: {
        isNeuroioError: true,
        message: expect.stringMatching(/^apiToken is missing: pass it to createTokensClient\(\)/),
      },
    });
  });
});

/** A bundling platform: its consumer fixture, export conditions, output format and how a request reaches it. */
interface BundledPlatform {
  name: string;
  fixture: string;
  conditions: string[];
  format: "esm" | "iife";
  run: typeof runInWorkerd;
}

const BUNDLED_PLATFORMS: BundledPlatform[] = [
  {
    name: "Cloudflare Workers (workerd, miniflare 4)",
    fixture: "worker-module.mjs",
    conditions: ["workerd", "worker", "browser"],
    format: "esm",
    run: runInWorkerd,
  },
  {
    name: "the Vercel Edge runtime (edge-runtime 4)",
    fixture: "edge-function.mjs",
    conditions: ["edge-light", "worker", "browser"],
    format: "iife",
    run: runInEdge,
  },
];

// Bundled as those platforms' tooling does (esbuild with their export conditions, everything inlined), then
// driven through one request: same methods, same mocks, same reports as Node 20's.
describe.each(BUNDLED_PLATFORMS)("the client on $name", (platform) => {
  let bundle: ReturnType<typeof bundleWorker> | undefined;
  /** Built once, by the first test that needs it. */
  const built = () =>
    (bundle ??= bundleWorker(project.dir, platform.fixture, platform.conditions, platform.format));

  it(`works when bundled with the ${platform.conditions.join("/")} conditions`, async () => {
    const report = await platform.run(await built(), `mock=${encodeURIComponent(mock.url)}`);
    expectReport(report, "dist/index.js");
  });

  it("drives every method against a fresh stateful mock", async () => {
    const report = await withStatefulMock(async (url) =>
      platform.run(await built(), `mock=${encodeURIComponent(url)}&key=${STATEFUL_KEY}`),
    );
    expectStatefulReport(withoutEntry(report));
  });
});
