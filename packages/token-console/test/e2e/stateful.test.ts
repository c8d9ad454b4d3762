/**
 * The console against the mock's stateful mode, which remembers what was done: a full round of the
 * actions where each one's effect shows in the next list, and the 5-permanent-token limit reached for real.
 */
import { type MockServer, startMockServer } from "@neuroio/tokens-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickAndWait, connect, readMessage, readRows, waitIdle } from "./actions.js";
import { API_TOKEN, useConsolePage } from "./fixture.js";

const fixture = useConsolePage();
let mock: MockServer;

beforeAll(async () => {
  // One fixed permanent token to sign in with, nothing else.
  mock = await startMockServer({ port: 0, host: "127.0.0.1", stateful: true, token: API_TOKEN, quiet: true });
});
afterAll(async () => {
  await mock?.close();
});

/** Kind and status of each listed row, e.g. `["temporary active", "permanent active"]`. */
async function kinds(page: Parameters<typeof readRows>[0]): Promise<string[]> {
  return (await readRows(page)).map((row) => `${row[2]} ${row[3]}`);
}

describe("token console on the stateful mock", () => {
  it("creates, deactivates, activates, deletes, pages and hits the permanent limit", async () => {
    const { page, problems, expectProblem } = await fixture.open("", mock.url);
    await connect(page, mock.url, API_TOKEN);
    expect(await kinds(page)).toEqual(["permanent active"]);
    expect((await readRows(page))[0]?.[1]).toBe("•••• (this console's token)");

    await clickAndWait(page, "#create-temporary");
    const newId = (await page.textContent("#new-token-id"))?.slice(1);
    expect(await kinds(page)).toEqual(["temporary active", "permanent active"]);

    await clickAndWait(page, `tr[data-token-id="${newId}"] button[data-action="toggle"]`);
    expect(await readMessage(page)).toEqual({ kind: "info", lines: [`Deactivated token ${newId}.`] });
    await clickAndWait(page, "#refresh");
    expect(await kinds(page)).toEqual(["temporary inactive", "permanent active"]);
    await clickAndWait(page, `tr[data-token-id="${newId}"] button[data-action="toggle"]`);
    expect(await readMessage(page)).toEqual({ kind: "info", lines: [`Activated token ${newId}.`] });

    await clickAndWait(page, `tr[data-token-id="${newId}"] button[data-action="delete"]`);
    expect(await kinds(page)).toEqual(["permanent active"]);

    // 4 more permanent tokens make 5; the sixth is refused by the mock itself, no Prefer involved.
    for (let i = 0; i < 4; i++) await clickAndWait(page, "#create-permanent");
    expect(await kinds(page)).toEqual(Array(5).fill("permanent active"));
    expectProblem({ status: 400 });
    await clickAndWait(page, "#create-permanent");
    expect(await readMessage(page)).toEqual({
      kind: "error",
      lines: [
        "Could not create a permanent token: refused (400)",
        "You can't have more than 5 permanent tokens.",
        "An account or space holds at most 5 permanent tokens: delete or deactivate one first.",
      ],
    });
    expect(problems.filter((problem) => problem.kind === "http")).toHaveLength(1);

    // A sixth token (temporary) makes two pages of 5.
    await clickAndWait(page, "#create-temporary");
    await page.selectOption("#page-size", "5");
    await waitIdle(page);
    expect(await page.isDisabled("#next")).toBe(false);
    await clickAndWait(page, "#next");
    expect(await page.textContent("#page-info")).toBe("Page 2 · tokens 6–6");
    expect(await readRows(page)).toHaveLength(1);

    // Delete every temporary token: only the 5 permanent ones stay, and the page goes back to 1.
    await page.click("#delete-many");
    await page.fill("#delete-many-confirm", "delete");
    await clickAndWait(page, "#delete-many-submit");
    expect(await readMessage(page)).toEqual({ kind: "info", lines: ["Deleted every temporary token."] });
    expect(await page.textContent("#page-info")).toBe("Page 1 · tokens 1–5");
    expect(await kinds(page)).toEqual(Array(5).fill("permanent active"));
  });
});
