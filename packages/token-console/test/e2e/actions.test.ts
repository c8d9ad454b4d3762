/** The console against the static mock: each action sends the right request and shows the answer. */
import { describe, expect, it } from "vitest";
import { clickAndWait, connect, readMessage, readRows, waitIdle } from "./actions.js";
import { API_TOKEN, OTHER_KEY, useConsolePage } from "./fixture.js";

const fixture = useConsolePage();

/** The request line of each recorded request, e.g. `GET /v1/tokens/?limit=10&offset=0`. */
function requestLines(requests: ReadonlyArray<{ method: string; url: string }>): string[] {
  return requests.map(({ method, url }) => `${method} ${url.slice(fixture.mockUrl.length)}`);
}

describe("token console on the static mock", () => {
  it("lists tokens with masked keys, sending the token only in Authorization", async () => {
    const { page, requests } = await fixture.open();
    await connect(page, fixture.mockUrl, API_TOKEN);

    expect(requestLines(requests)).toEqual(["GET /v1/tokens/?limit=10&offset=0"]);
    expect(requests[0]?.headers.authorization).toBe(`Token ${API_TOKEN}`);
    expect(await readMessage(page)).toEqual({ kind: "info", lines: [`Connected to ${fixture.mockUrl}.`] });
    expect(await readRows(page)).toEqual([
      [
        "2",
        "9944…ee4b",
        "temporary",
        "active",
        "2026-11-27 10:00 UTC",
        "2026-11-28 10:00 UTC",
        "DeactivateDelete",
      ],
      [
        "1",
        "•••• (this console's token)",
        "permanent",
        "active",
        "2026-11-20 08:30 UTC",
        "never",
        "DeactivateDelete",
      ],
    ]);
    expect(await page.textContent("#page-info")).toBe("Page 1 · tokens 1–2");
    // Neither the console's token nor any full key is in the document (the password input's value is a
    // property, not markup), and nothing was stored.
    const html = await page.content();
    expect(html).not.toContain(API_TOKEN);
    expect(html).not.toContain(OTHER_KEY);
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([
      0,
      0,
      "",
    ]);
  });

  it("forgets the token on reload and on 'Forget token'", async () => {
    const { page, context } = await fixture.open();
    await connect(page, fixture.mockUrl, API_TOKEN);
    await page.click("#forget");
    expect(await page.inputValue("#api-token")).toBe("");
    expect(await readRows(page)).toEqual([]);
    expect(await page.isDisabled("#refresh")).toBe(true);

    await connect(page, fixture.mockUrl, API_TOKEN);
    await page.reload();
    expect(await page.inputValue("#api-token")).toBe("");
    expect(await readRows(page)).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    expect(page.url()).not.toContain(API_TOKEN);
  });

  it("filters by kind and sizes the page (the static mock applies both to its example tokens)", async () => {
    const { page, requests } = await fixture.open();
    await connect(page, fixture.mockUrl, API_TOKEN);

    await page.selectOption("#filter", "true");
    await waitIdle(page);
    await page.selectOption("#page-size", "2");
    await waitIdle(page);
    // The static mock applies the filter to its example tokens: one permanent token, so this is the last page.
    expect((await readRows(page)).map((row) => row[0])).toEqual(["1"]);
    expect([await page.isDisabled("#prev"), await page.isDisabled("#next")]).toEqual([true, true]);
    await page.selectOption("#filter", "");
    await waitIdle(page);
    await page.selectOption("#page-size", "5");
    await waitIdle(page);
    // 2 tokens on a page of 5: the last page.
    expect([await page.isDisabled("#prev"), await page.isDisabled("#next")]).toEqual([true, true]);

    expect(requestLines(requests)).toEqual([
      "GET /v1/tokens/?limit=10&offset=0",
      "GET /v1/tokens/?permanent=true&limit=10&offset=0",
      "GET /v1/tokens/?permanent=true&limit=2&offset=0",
      "GET /v1/tokens/?limit=2&offset=0",
      "GET /v1/tokens/?limit=5&offset=0",
    ]);
  });

  it("creates temporary and permanent tokens and shows the new key, with a Copy button, until dismissed", async () => {
    const { page, context, requests } = await fixture.open();
    await connect(page, fixture.mockUrl, API_TOKEN);

    await clickAndWait(page, "#create-temporary");
    expect(await readMessage(page)).toEqual({ kind: "info", lines: ["Created temporary token 2."] });
    expect(await page.isVisible("#new-token")).toBe(true);
    expect(await page.textContent("#new-token-key")).toBe(OTHER_KEY);
    expect(await page.textContent("#new-token-id")).toBe("#2");
    await context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: new URL(page.url()).origin,
    });
    await page.click("#copy-new-token");
    await page.waitForFunction(
      () => document.getElementById("message")?.textContent === "Copied the new key.",
    );
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(OTHER_KEY);
    await page.click("#dismiss-new-token");
    expect(await page.isVisible("#new-token")).toBe(false);
    expect(await page.content()).not.toContain(OTHER_KEY);

    await clickAndWait(page, "#create-permanent");
    // The static mock answers the spec's permanent example when a permanent token is asked for.
    expect(await readMessage(page)).toEqual({ kind: "info", lines: ["Created permanent token 1."] });

    const posts = requests.filter((request) => request.method === "POST");
    expect(posts.map((post) => [post.url.slice(fixture.mockUrl.length), post.body])).toEqual([
      ["/v1/tokens/", '{"permanent":false}'],
      ["/v1/tokens/", '{"permanent":true}'],
    ]);
    // Each create is followed by a fresh list of the current page.
    expect(requestLines(requests).filter((line) => line.startsWith("GET"))).toHaveLength(3);
  });

  it("deactivates and activates a token with PATCH and shows the state the server answered", async () => {
    const { page, requests } = await fixture.open();
    await connect(page, fixture.mockUrl, API_TOKEN);

    await clickAndWait(page, 'tr[data-token-id="2"] button[data-action="toggle"]');
    expect(await readMessage(page)).toEqual({ kind: "info", lines: ["Deactivated token 2."] });
    expect((await readRows(page))[0]?.slice(3)).toEqual([
      "inactive",
      "2026-11-27 10:00 UTC",
      "2026-11-28 10:00 UTC",
      "ActivateDelete",
    ]);

    await clickAndWait(page, 'tr[data-token-id="2"] button[data-action="toggle"]');
    const patches = requests.filter((request) => request.method === "PATCH");
    expect(patches.map((patch) => [patch.url.slice(fixture.mockUrl.length), patch.body])).toEqual([
      ["/v1/tokens/2/", '{"is_active":false}'],
      ["/v1/tokens/2/", '{"is_active":true}'],
    ]);
    expect(patches[0]?.headers["content-type"]).toContain("application/json");
    // The static mock answers the token with is_active as sent; the page shows the state it answered.
    expect(await readMessage(page)).toEqual({ kind: "info", lines: ["Activated token 2."] });
  });

  it("deletes one token and lists the page again", async () => {
    const { page, requests } = await fixture.open();
    await connect(page, fixture.mockUrl, API_TOKEN);

    await clickAndWait(page, 'tr[data-token-id="1"] button[data-action="delete"]');
    expect(await readMessage(page)).toEqual({ kind: "info", lines: ["Deleted token 1."] });
    expect(requestLines(requests)).toEqual([
      "GET /v1/tokens/?limit=10&offset=0",
      "DELETE /v1/tokens/1/",
      "GET /v1/tokens/?limit=10&offset=0",
    ]);
  });

  it("deletes many tokens only after the word 'delete' is typed", async () => {
    const { page, requests } = await fixture.open();
    await connect(page, fixture.mockUrl, API_TOKEN);

    await page.click("#delete-many");
    expect(await page.isVisible("#delete-many-dialog")).toBe(true);
    expect(await page.isDisabled("#delete-many-submit")).toBe(true);
    await page.fill("#delete-many-confirm", "yes");
    expect(await page.isDisabled("#delete-many-submit")).toBe(true);
    await page.click("#delete-many-cancel");
    expect(await page.isVisible("#delete-many-dialog")).toBe(false);
    expect(requests.filter((request) => request.method === "DELETE")).toEqual([]);

    await page.click("#delete-many");
    expect(await page.inputValue("#delete-many-confirm")).toBe("");
    await page.check('input[name="scope"][value="permanent"]');
    expect(await page.textContent("#delete-many-warning")).toContain("Every permanent token");
    await page.fill("#delete-many-confirm", "delete");
    await clickAndWait(page, "#delete-many-submit");
    expect(await readMessage(page)).toEqual({ kind: "info", lines: ["Deleted every permanent token."] });

    await page.click("#delete-many");
    await page.check('input[name="scope"][value="all"]');
    expect(await page.textContent("#delete-many-warning")).toContain("the one this console uses included");
    await page.fill("#delete-many-confirm", " DELETE ");
    await clickAndWait(page, "#delete-many-submit");
    expect(await readMessage(page)).toEqual({ kind: "info", lines: ["Deleted every token."] });
    expect(await readRows(page)).toEqual([]);

    expect(requestLines(requests)).toEqual([
      "GET /v1/tokens/?limit=10&offset=0",
      "DELETE /v1/tokens/?permanent=true",
      "GET /v1/tokens/?limit=10&offset=0",
      "DELETE /v1/tokens/",
    ]);
  });

  it("looks a token up by id and by key", async () => {
    const { page, requests } = await fixture.open();
    await connect(page, fixture.mockUrl, API_TOKEN);

    await page.fill("#lookup-id", "2");
    await clickAndWait(page, '#lookup-form button[type="submit"]');
    expect(await readMessage(page)).toEqual({ kind: "info", lines: ["Found token 2."] });
    expect(await page.$$eval("#lookup-result dd", (cells) => cells.map((cell) => cell.textContent))).toEqual([
      "2",
      "9944…ee4b",
      "temporary",
      "active",
      "2026-11-27 10:00 UTC",
      "2026-11-28 10:00 UTC",
    ]);

    await page.fill("#lookup-id", OTHER_KEY);
    await clickAndWait(page, '#lookup-form button[type="submit"]');
    expect(requestLines(requests).slice(1)).toEqual(["GET /v1/tokens/2/", `GET /v1/tokens/${OTHER_KEY}/`]);
  });
});
