/**
 * Vitest global setup of the console's tests: builds the page with the package's own vite.config.ts into a
 * temporary folder, serves it with `vite preview` and starts the mock API, both on 127.0.0.1 and free ports.
 * Tests read the URLs with `inject("pageUrl")`, `inject("mockUrl")`, and the bundle's folder with
 * `inject("bundleDir")`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startMockServer } from "@neuroio/tokens-mock";
import { build, preview } from "vite";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the built console page, served by `vite preview`. */
    pageUrl: string;
    /** Base URL of the static mock API. */
    mockUrl: string;
    /** Folder of the production build that `pageUrl` serves. */
    bundleDir: string;
  }
}

const packageRoot = fileURLToPath(new URL("../..", import.meta.url));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const bundleDir = await mkdtemp(join(tmpdir(), "token-console-"));
  const configFile = join(packageRoot, "vite.config.ts");
  await build({
    root: packageRoot,
    configFile,
    logLevel: "warn",
    build: { outDir: bundleDir, emptyOutDir: true },
  });
  const server = await preview({
    root: packageRoot,
    configFile,
    logLevel: "warn",
    build: { outDir: bundleDir },
    preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === "string") throw new Error("vite preview has no TCP address");
  const mock = await startMockServer({ port: 0, host: "127.0.0.1", quiet: true });

  project.provide("pageUrl", `http://127.0.0.1:${address.port}/`);
  project.provide("mockUrl", mock.url);
  project.provide("bundleDir", bundleDir);

  return async () => {
    await mock.close();
    await server.close();
    await rm(bundleDir, { recursive: true, force: true });
  };
}
