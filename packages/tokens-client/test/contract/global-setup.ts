/**
 * Global setup of the "contract" project: one real mock server (Prism serving the spec, through
 * `startMockServer` of `@neuroio/tokens-mock`) on a free port for the whole run. `errors: true` makes the mock
 * validate its own answers, so an example that breaks the spec comes back as a 500 and fails the tests.
 */
import { startMockServer } from "@neuroio/tokens-mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  /** What the contract tests `inject()`. */
  export interface ProvidedContext {
    /** Base URL of the mock server, e.g. `http://127.0.0.1:43123`. */
    mockUrl: string;
  }
}

/** Starts the mock and provides its URL; the returned function stops it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mock = await startMockServer({ port: 0, host: "127.0.0.1", quiet: true, errors: true });
  project.provide("mockUrl", mock.url);
  return () => mock.close();
}
