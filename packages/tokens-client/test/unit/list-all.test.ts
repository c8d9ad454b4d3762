/** listAll: pages with limit/offset until a short page, lazily, stopping when the loop stops. */
import { describe, expect, it } from "vitest";
import { NeuroioError, NotFoundError, type Token } from "../../src/index.js";
import { json, setup, token } from "./helpers/mock-fetch.js";

const page = (...ids: number[]) =>
  json(
    200,
    ids.map((id) => token(id)),
  );

async function collect(iterator: AsyncIterable<Token>): Promise<number[]> {
  const ids: number[] = [];
  for await (const t of iterator) ids.push(t.id);
  return ids;
}

describe("listAll", () => {
  it("pages with limit = pageSize and a growing offset until a short page", async () => {
    const { client, requests } = setup([page(9, 8), page(7, 6), page(5)]);
    await expect(collect(client.tokens.listAll({ permanent: true, pageSize: 2 }))).resolves.toEqual([
      9, 8, 7, 6, 5,
    ]);
    expect(requests.map((r) => r.url.search)).toEqual([
      "?permanent=true&limit=2&offset=0",
      "?permanent=true&limit=2&offset=2",
      "?permanent=true&limit=2&offset=4",
    ]);
  });

  it("asks for 20 per page by default and stops on an empty page", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => 40 - i);
    const { client, requests } = setup([page(...ids), page()]);
    await expect(collect(client.tokens.listAll())).resolves.toEqual(ids);
    expect(requests.map((r) => r.url.search)).toEqual(["?limit=20&offset=0", "?limit=20&offset=20"]);
  });

  it("sends nothing before the first next()", async () => {
    const { client, requests } = setup([page(1)]);
    const iterator = client.tokens.listAll();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(requests).toHaveLength(0);
    await expect(iterator.next()).resolves.toEqual({ done: false, value: token(1) });
    expect(requests).toHaveLength(1);
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it("sends no further request once the loop stops early", async () => {
    const { client, requests } = setup([page(9, 8), page(7, 6)]);
    for await (const t of client.tokens.listAll({ pageSize: 2 })) {
      if (t.id === 8) break;
    }
    expect(requests).toHaveLength(1);
    const iterator = client.tokens.listAll({ pageSize: 2 });
    await iterator.next();
    await iterator.return?.();
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
    expect(requests).toHaveLength(2);
  });

  it("does not yield a token twice when the list shifted between pages", async () => {
    // Token 10 was created after the first page: everything moved one place down.
    const { client } = setup([page(9, 8), page(8, 7), page()]);
    await expect(collect(client.tokens.listAll({ pageSize: 2 }))).resolves.toEqual([9, 8, 7]);
  });

  it("throws instead of looping forever when a server ignores offset", async () => {
    const { client, requests } = setup([page(2, 1), page(2, 1), page(2, 1)]);
    await expect(collect(client.tokens.listAll({ pageSize: 2 }))).rejects.toThrow(NeuroioError);
    expect(requests).toHaveLength(2);
  });

  it("passes errors and request options through", async () => {
    const { client } = setup([json(404, { detail: "Not found." })]);
    await expect(collect(client.tokens.listAll())).rejects.toBeInstanceOf(NotFoundError);
    const controller = new AbortController();
    controller.abort();
    const aborted = setup([page(1)]);
    await expect(collect(aborted.client.tokens.listAll({}, { signal: controller.signal }))).rejects.toThrow(
      "aborted",
    );
    expect(aborted.requests).toHaveLength(0);
  });
});
