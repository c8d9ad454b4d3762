/**
 * Where the contract tests send their requests: the mock the global setup started (`inject("mockUrl")`), or,
 * in the "contract-stateful" project, the fresh stateful mock its setup file started for the current test.
 */
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** `"stateful"` in the "contract-stateful" project (set in vitest.config.ts); unset otherwise. */
    mockMode: "static" | "stateful";
  }
}

let override: string | undefined;

/** Points the contract tests at `url` (the stateful setup calls it before each test), or back with `undefined`. */
export function setContractMockUrl(url: string | undefined): void {
  override = url;
}

/** The base URL of the mock the current test talks to. */
export function contractMockUrl(): string {
  return override ?? inject("mockUrl");
}
