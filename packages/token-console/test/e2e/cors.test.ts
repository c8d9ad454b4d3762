/**
 * The cross-origin path a frontend developer depends on: the page (one origin) calls the mock (another port,
 * so another origin) with `Authorization`, a JSON body and `PATCH`/`DELETE`, which Chromium only sends after
 * a successful CORS preflight.
 */
import { describe, expect, it } from "vitest";
import { clickAndWait, connect, readMessage } from "./actions.js";
import { API_TOKEN, useConsolePage } from "./fixture.js";

const fixture = useConsolePage();

describe("CORS through the mock", () => {
  it("a PATCH with Authorization passes its preflight, and its answer is readable", async () => {
    const console = await fixture.open();
    const pageOrigin = new URL(console.page.url()).origin;
    expect(pageOrigin).not.toBe(fixture.mockUrl);
    await connect(console.page, fixture.mockUrl, API_TOKEN);
    await clickAndWait(console.page, 'tr[data-token-id="2"] button[data-action="toggle"]');
    expect(await readMessage(console.page)).toEqual({ kind: "info", lines: ["Deactivated token 2."] });

    const preflight = console.preflights.find((seen) => seen.url === `${fixture.mockUrl}/v1/tokens/2/`);
    expect(preflight, "Chromium sent no preflight for the PATCH").toBeDefined();
    expect(preflight?.requestHeaders["access-control-request-method"]).toBe("PATCH");
    const askedHeaders = preflight?.requestHeaders["access-control-request-headers"]?.split(",") ?? [];
    expect(askedHeaders).toEqual(expect.arrayContaining(["authorization", "content-type"]));
    expect(preflight?.requestHeaders.origin).toBe(pageOrigin);

    expect(preflight?.status).toBeGreaterThanOrEqual(200);
    expect(preflight?.status).toBeLessThan(300);
    expect(preflight?.responseHeaders["access-control-allow-origin"]).toBe(pageOrigin);
    expect(preflight?.responseHeaders["access-control-allow-methods"]).toContain("PATCH");
    expect(preflight?.responseHeaders["access-control-allow-headers"]?.toLowerCase()).toContain(
      "authorization",
    );

    // The PATCH itself went out after the preflight, with the token.
    const patch = console.requests.find((request) => request.method === "PATCH");
    expect(patch?.headers.authorization).toBe(`Token ${API_TOKEN}`);
  });

  it("the GET list with Authorization is preflighted too, and DELETE passes its own", async () => {
    const console = await fixture.open();
    await connect(console.page, fixture.mockUrl, API_TOKEN);
    await clickAndWait(console.page, 'tr[data-token-id="1"] button[data-action="delete"]');
    expect(await readMessage(console.page)).toEqual({ kind: "info", lines: ["Deleted token 1."] });

    const methods = console.preflights.map((seen) => [
      seen.url.slice(fixture.mockUrl.length),
      seen.requestHeaders["access-control-request-method"],
      seen.status,
    ]);
    expect(methods).toEqual(
      expect.arrayContaining([
        ["/v1/tokens/?limit=10&offset=0", "GET", 204],
        ["/v1/tokens/1/", "DELETE", 204],
      ]),
    );
  });
});
