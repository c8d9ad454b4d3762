/** What a person does on the console page, and what they read back from it. */
import type { Page } from "playwright-core";

/** Waits until no action of the console is in flight (`<body aria-busy="false">`). */
export async function waitIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.getAttribute("aria-busy") === "false");
}

/** Fills the connection form and connects; resolves once the first list load has ended. */
export async function connect(page: Page, baseUrl: string, apiToken: string): Promise<void> {
  await page.fill("#base-url", baseUrl);
  await page.fill("#api-token", apiToken);
  await page.click("#connect");
  await waitIdle(page);
}

/** Clicks a button and waits until the action it starts has ended. */
export async function clickAndWait(page: Page, selector: string): Promise<void> {
  await page.click(selector);
  await waitIdle(page);
}

/** The message line: its kind (`info` or `error`) and its text, one entry per line. */
export async function readMessage(page: Page): Promise<{ kind: string | undefined; lines: string[] }> {
  return page.$eval("#message", (element) => ({
    kind: (element as HTMLElement).hidden ? undefined : (element as HTMLElement).dataset.kind,
    lines:
      element.children.length === 0
        ? [element.textContent ?? ""]
        : [...element.children].map((c) => c.textContent ?? ""),
  }));
}

/** The token table as text: one array of cell texts per row. */
export async function readRows(page: Page): Promise<string[][]> {
  return page.$$eval("#tokens tbody tr", (rows) =>
    rows.map((row) => [...(row as HTMLTableRowElement).cells].map((cell) => (cell.textContent ?? "").trim())),
  );
}

/** Sets the dev-only `Prefer` field (the page must be opened with `?prefer=`). */
export async function setPrefer(page: Page, value: string): Promise<void> {
  await page.fill("#dev-prefer", value);
  await page.dispatchEvent("#dev-prefer", "change");
}
