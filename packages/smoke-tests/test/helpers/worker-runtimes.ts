/**
 * Runs a consumer of the installed client in Cloudflare's workerd (through miniflare) and in Vercel's Edge
 * runtime: bundled with esbuild the way those platforms' tooling does (their export conditions, browser-like
 * platform, every dependency inlined), then one request to the bundle answers with the JSON report.
 */
import { join } from "node:path";
import { EdgeRuntime } from "edge-runtime";
import { build } from "esbuild";
import { Miniflare } from "miniflare";

/** A bundled consumer: its code and which file of the installed client it took. */
export interface WorkerBundle {
  code: string;
  /** The client file inside the package, e.g. `dist/index.js`. */
  entry: string;
}

/**
 * Bundles `entry` (a fixture in `projectDir`), resolving packages from the project's node_modules with
 * `conditions` first, as ES module (`esm`, Workers) or a classic script (`iife`, Edge functions).
 */
export async function bundleWorker(
  projectDir: string,
  entry: string,
  conditions: string[],
  format: "esm" | "iife",
): Promise<WorkerBundle> {
  const result = await build({
    absWorkingDir: projectDir,
    entryPoints: [join(projectDir, entry)],
    bundle: true,
    write: false,
    metafile: true,
    format,
    platform: "browser",
    conditions,
    target: "es2022",
    logLevel: "silent",
  });
  const client = Object.keys(result.metafile.inputs).filter((input) =>
    input.startsWith("node_modules/@neuroio/tokens-client/"),
  );
  const entryFile = client.find((input) => /\/dist\/(cjs\/)?index\.js$/.test(input)) ?? client.join(",");
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error(`esbuild wrote nothing for ${entry}`);
  return { code, entry: entryFile.slice("node_modules/@neuroio/tokens-client/".length) };
}

/** Parses a consumer's answer: the report, or an error carrying what the worker said. */
async function readReport(response: Response, where: string): Promise<Record<string, unknown>> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${where} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

/** Runs the ES module worker in workerd (miniflare 4) and sends it one request with `query` (see worker-handler). */
export async function runInWorkerd(bundle: WorkerBundle, query: string): Promise<Record<string, unknown>> {
  const miniflare = new Miniflare({
    modules: true,
    script: bundle.code,
    compatibilityDate: "2025-09-01",
    host: "127.0.0.1",
  });
  try {
    const url = `http://127.0.0.1/?${query}`;
    const response = await miniflare.dispatchFetch(url);
    return { entry: bundle.entry, ...(await readReport(response as unknown as Response, "workerd")) };
  } finally {
    await miniflare.dispose();
  }
}

/** Runs the script in the Edge runtime (edge-runtime 4) and sends it one request with `query` (see worker-handler). */
export async function runInEdge(bundle: WorkerBundle, query: string): Promise<Record<string, unknown>> {
  const runtime = new EdgeRuntime({ initialCode: bundle.code });
  const url = `http://127.0.0.1/?${query}`;
  const response = await runtime.dispatchFetch(url);
  await response.waitUntil();
  return { entry: bundle.entry, ...(await readReport(response as unknown as Response, "edge-runtime")) };
}
