/**
 * Every kind of error the client throws, provoked for real (the mock's `Prefer` header through the
 * page's dev/test switch, a closed port), and the message the page shows for it.
 */
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { clickAndWait, connect, readMessage, readRows, setPrefer, waitIdle } from "./actions.js";
import { API_TOKEN, useConsolePage } from "./fixture.js";

const fixture = useConsolePage();

/** A port on 127.0.0.1 that nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return address.port;
}

describe("error messages", () => {
  it("401 from ?prefer=code=401 in the URL: the token is refused", async () => {
    const console = await fixture.open("?prefer=code=401");
    console.expectProblem({ status: 401 });
    expect(await console.page.textContent("#dev-bar-state")).toBe(
      'Requests to a local mock carry "Prefer: code=401".',
    );
    await connect(console.page, fixture.mockUrl, API_TOKEN);

    expect(console.requests.map((request) => request.headers.prefer)).toEqual(["code=401"]);
    expect(await readMessage(console.page)).toEqual({
      kind: "error",
      lines: [
        "Could not load tokens: not authorised (401)",
        "Invalid token.",
        "Check the API token: it may be mistyped, expired or deactivated.",
      ],
    });
    expect(await console.page.getAttribute("#message", "role")).toBe("alert");
    expect(await console.page.content()).not.toContain(API_TOKEN);
  });

  it("a reconnect that fails to list leaves no row of the previous connection on the page", async () => {
    const console = await fixture.open("?prefer=");
    await connect(console.page, fixture.mockUrl, API_TOKEN);
    expect((await readRows(console.page)).length).toBeGreaterThan(0);
    console.expectProblem({ status: 401 });
    await setPrefer(console.page, "code=401");
    await connect(console.page, fixture.mockUrl, API_TOKEN);

    expect((await readMessage(console.page)).lines[0]).toBe("Could not load tokens: not authorised (401)");
    expect(await readRows(console.page)).toEqual([]);
    expect(await console.page.textContent("#page-info")).toBe("Page 1");
  });

  it("404 on a look-up: no token has this id", async () => {
    const console = await fixture.open("?prefer=");
    await connect(console.page, fixture.mockUrl, API_TOKEN);
    console.expectProblem({ status: 404 });
    await setPrefer(console.page, "code=404");
    await console.page.fill("#lookup-id", "99");
    await clickAndWait(console.page, '#lookup-form button[type="submit"]');

    expect(console.requests.map((request) => [request.method, request.headers.prefer])).toEqual([
      ["GET", undefined],
      ["GET", "code=404"],
    ]);
    expect(await readMessage(console.page)).toEqual({
      kind: "error",
      lines: [
        "Could not look up token 99: not found (404)",
        "Not found.",
        "No token has this id or key; refresh the list.",
      ],
    });
    expect(await console.page.isVisible("#lookup-result")).toBe(false);
  });

  it("404 on a delete: the message names the token", async () => {
    const console = await fixture.open("?prefer=");
    await connect(console.page, fixture.mockUrl, API_TOKEN);
    console.expectProblem({ status: 404 });
    await setPrefer(console.page, "code=404");
    await clickAndWait(console.page, 'tr[data-token-id="2"] button[data-action="delete"]');

    expect((await readMessage(console.page)).lines[0]).toBe("Could not delete token 2: not found (404)");
    // No list reload after a failed delete: the table still shows the page as it was.
    expect(console.requests.map((request) => request.method)).toEqual(["GET", "DELETE"]);
  });

  it("400 on a permanent create: the 5-permanent-token limit is explained", async () => {
    const console = await fixture.open("?prefer=");
    await connect(console.page, fixture.mockUrl, API_TOKEN);
    console.expectProblem({ status: 400 });
    await setPrefer(console.page, "code=400");
    await clickAndWait(console.page, "#create-permanent");

    expect(await readMessage(console.page)).toEqual({
      kind: "error",
      lines: [
        "Could not create a permanent token: refused (400)",
        "You can't have more than 5 permanent tokens.",
        "An account or space holds at most 5 permanent tokens: delete or deactivate one first.",
      ],
    });
    expect(await console.page.isVisible("#new-token")).toBe(false);
  });

  it("429 and 403 on a create (never retried): the wait and the missing permission are explained", async () => {
    const console = await fixture.open("?prefer=");
    await connect(console.page, fixture.mockUrl, API_TOKEN);
    console.expectProblem({ status: 429 });
    console.expectProblem({ status: 403 });
    await setPrefer(console.page, "code=429");
    await clickAndWait(console.page, "#create-temporary");
    expect(await readMessage(console.page)).toEqual({
      kind: "error",
      lines: [
        "Could not create a temporary token: too many requests (429)",
        "Request was throttled. Expected available in 30 seconds.",
        "Wait 30 s before trying again.",
      ],
    });
    await setPrefer(console.page, "code=403");
    await clickAndWait(console.page, "#create-temporary");
    expect((await readMessage(console.page)).lines).toEqual([
      "Could not create a temporary token: forbidden (403)",
      "You do not have permission to perform this action.",
      "This token may not manage tokens here; use an account token or a space token of this space.",
    ]);
    expect(console.requests.filter((request) => request.method === "POST")).toHaveLength(2);
  });

  it("network down: a closed port is reported as unreachable, after the client's retries", async () => {
    const port = await closedPort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const console = await fixture.open();
    console.expectProblem({ network: "net::ERR_CONNECTION_REFUSED" });
    await console.page.fill("#base-url", baseUrl);
    await console.page.fill("#api-token", API_TOKEN);
    await console.page.click("#connect");
    // The retries take a while: the page says it is working and keeps the buttons disabled meanwhile.
    expect(await console.page.isVisible("#busy")).toBe(true);
    expect(await console.page.isDisabled("#create-temporary")).toBe(true);
    await waitIdle(console.page);
    expect(await console.page.isVisible("#busy")).toBe(false);

    expect(await readMessage(console.page)).toEqual({
      kind: "error",
      lines: [
        `Could not load tokens: cannot reach ${baseUrl}`,
        "The request got no HTTP answer (network down or connection refused).",
        "Check that the server runs (pnpm mock), that the base URL is right, and that it allows this page's origin (CORS).",
      ],
    });
    // GET is retried (maxRetries 2): three attempts in all.
    const failures = console.problems.filter((problem) => problem.kind === "requestfailed");
    expect(failures).toHaveLength(3);
  });

  it("bad input is refused before any request", async () => {
    const console = await fixture.open();
    await console.page.fill("#base-url", "ftp://127.0.0.1:4010");
    await console.page.fill("#api-token", API_TOKEN);
    await console.page.click("#connect");
    expect(await readMessage(console.page)).toEqual({
      kind: "error",
      lines: ["Could not connect: check the form", "The base URL must start with http:// or https://."],
    });

    await console.page.fill("#base-url", fixture.mockUrl);
    await console.page.fill("#api-token", "   ");
    await console.page.click("#connect");
    expect((await readMessage(console.page)).lines[1]).toBe("Enter an API token.");
    expect(console.requests).toEqual([]);
  });
});
