/**
 * Per-file setup of the end-to-end tests: one Chromium for the file, a fresh context per test, and an
 * `afterEach` that fails the test on any console error, page error, failed request or HTTP error the test
 * did not provoke on purpose.
 */
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import { launchChromium } from "./browser.js";
import { type ConsolePage, openConsolePage } from "./console-page.js";

/** A token key of the mock's examples other than the one the console signs in with. */
export const OTHER_KEY = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b";
/** The key the tests sign in with: the mock's permanent example token (id 1), so it is in every list. */
export const API_TOKEN = "3c59dc048e8850243be8079a5c74d079f1c7d8a0";

/**
 * Registers the hooks; `open(query)` loads the console (e.g. `open("?prefer=")`) and records the requests
 * to `apiOrigin` (default: the static mock of the global setup).
 */
export function useConsolePage(): {
  open(query?: string, apiOrigin?: string): Promise<ConsolePage>;
  mockUrl: string;
} {
  const pageUrl = inject("pageUrl");
  const mockUrl = inject("mockUrl");
  let browser: Browser | undefined;
  let current: ConsolePage | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    if (current === undefined) return;
    const unexpected = current.unexpectedProblems();
    // What the page said helps to tell why (e.g. the body of an unexpected 500).
    const shown = unexpected.length === 0 ? "" : await current.page.textContent("#message").catch(() => "");
    await current.close();
    current = undefined;
    expect(unexpected, `problems the test did not provoke; the page said: ${shown}`).toEqual([]);
  });

  return {
    mockUrl,
    async open(query = "", apiOrigin = mockUrl) {
      if (browser === undefined) throw new Error("Chromium is not running");
      current = await openConsolePage(browser, `${pageUrl}${query}`, apiOrigin);
      return current;
    },
  };
}
