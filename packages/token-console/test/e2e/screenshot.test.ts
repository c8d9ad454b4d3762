/**
 * A screenshot of the console connected to the mock, for people to look at. Written to
 * test-results/console.png on every run; `pnpm --filter @neuroio/token-console screenshot`
 * (UPDATE_SCREENSHOT=1) also copies it to docs/console.png, the picture in the root README.
 */
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { clickAndWait, connect, readRows } from "./actions.js";
import { API_TOKEN, useConsolePage } from "./fixture.js";

const fixture = useConsolePage();
const resultsDir = new URL("../../test-results/", import.meta.url);
const readmeScreenshot = new URL("../../../../docs/console.png", import.meta.url);

describe("screenshot", () => {
  it("shows the connected console with a deactivated token", async () => {
    const { page } = await fixture.open();
    await connect(page, fixture.mockUrl, API_TOKEN);
    await clickAndWait(page, 'tr[data-token-id="2"] button[data-action="toggle"]');
    expect((await readRows(page)).map((row) => row[3])).toEqual(["inactive", "active"]);

    const png = await page.screenshot({ fullPage: true });
    await mkdir(resultsDir, { recursive: true });
    const path = new URL("console.png", resultsDir);
    await writeFile(path, png);
    // A PNG as wide as the viewport (IHDR width): nothing sticks out sideways.
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(1200);
    expect(png.length).toBeGreaterThan(20_000);

    if (process.env.UPDATE_SCREENSHOT === "1") {
      await mkdir(new URL(".", readmeScreenshot), { recursive: true });
      await copyFile(path, readmeScreenshot);
      console.info(`Wrote ${fileURLToPath(readmeScreenshot)}`);
    }
  });
});
