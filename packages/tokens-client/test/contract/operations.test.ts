/**
 * Every client method against the real mock: the request the client sends must satisfy the spec (Prism
 * reports no violation), the mock's answer must satisfy the spec (errors mode turns a bad example into a
 * 500), and the client must return exactly what came over the wire, in the shape its `Token` type promises.
 */
import { describe, expect, inject, it } from "vitest";
import type { Token } from "../../src/index.js";
import { CONTRACT_KEY, type Exchange, recordingClient } from "./support/recording-fetch.js";

/** Fails with the violations Prism reported, if any, for any exchange. */
function expectNoViolation(exchanges: readonly Exchange[]): void {
  expect(exchanges.length).toBeGreaterThan(0);
  for (const exchange of exchanges) {
    expect(
      exchange.responseHeaders.get("sl-violations"),
      `${exchange.method} ${exchange.url.pathname}${exchange.url.search}`,
    ).toBeNull();
  }
}

/** What the client's `Token` type promises, checked at run time: these five fields, with these types. */
function expectToken(value: unknown): asserts value is Token {
  expect(value).toEqual({
    id: expect.any(Number),
    key: expect.any(String),
    is_active: expect.any(Boolean),
    created: expect.any(String),
    expires: (value as Token).expires === null ? null : expect.any(String),
  });
  const token = value as Token;
  expect(Number.isInteger(token.id)).toBe(true);
  expect(Number.isNaN(Date.parse(token.created))).toBe(false);
  if (token.expires !== null) expect(Number.isNaN(Date.parse(token.expires))).toBe(false);
}

describe("the client against the mock (contract)", () => {
  it("tokens.create() sends a valid body and returns the created Token", async () => {
    const { client, exchanges } = recordingClient();
    const temporary = await client.tokens.create();
    const permanent = await client.tokens.create({ permanent: true });
    expectNoViolation(exchanges);
    expect(exchanges.map((exchange) => [exchange.method, exchange.url.pathname, exchange.status])).toEqual([
      ["POST", "/v1/tokens/", 201],
      ["POST", "/v1/tokens/", 201],
    ]);
    expect(JSON.parse(exchanges[1]?.requestBody ?? "null")).toEqual({ permanent: true });
    expectToken(temporary);
    expectToken(permanent);
    expect(temporary).toEqual(exchanges[0]?.responseJson);
    expect(permanent).toEqual(exchanges[1]?.responseJson);
  });

  it("tokens.create() returns a permanent Token with expires: null", async () => {
    const { client, exchanges } = recordingClient({ headers: { Prefer: "example=permanent" } });
    const token = await client.tokens.create({ permanent: true });
    expectNoViolation(exchanges);
    expectToken(token);
    expect(token.expires).toBeNull();
  });

  it("tokens.list() sends valid query parameters and returns the page of Tokens", async () => {
    const { client, exchanges } = recordingClient();
    const all = await client.tokens.list();
    const filtered = await client.tokens.list({ permanent: false, limit: 10, offset: 5 });
    expectNoViolation(exchanges);
    expect(exchanges[1]?.url.search).toBe("?permanent=false&limit=10&offset=5");
    expect(all.length).toBeGreaterThan(0);
    for (const token of all) expectToken(token);
    expect(all).toEqual(exchanges[0]?.responseJson);
    expect(filtered).toEqual(exchanges[1]?.responseJson);
  });

  // `Prefer: example=...` picks an answer of the static mock; the stateful mock answers from its state.
  it.skipIf(inject("mockMode") === "stateful")("tokens.list() returns an empty page as []", async () => {
    const { client, exchanges } = recordingClient({ headers: { Prefer: "example=empty" } });
    expect(await client.tokens.list({ permanent: true })).toEqual([]);
    expectNoViolation(exchanges);
  });

  it("tokens.listAll() pages until a short page and yields every Token", async () => {
    const { client, exchanges } = recordingClient();
    const seen: Token[] = [];
    for await (const token of client.tokens.listAll({ permanent: true, pageSize: 5 })) seen.push(token);
    expectNoViolation(exchanges);
    expect(exchanges).toHaveLength(1); // the mock's page holds fewer than 5 tokens: the last page
    expect(exchanges[0]?.url.searchParams.get("limit")).toBe("5");
    expect(seen).toEqual(exchanges[0]?.responseJson);
  });

  it.each([1, "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"])(
    "tokens.get(%j) returns the Token",
    async (idOrKey) => {
      const { client, exchanges } = recordingClient();
      const token = await client.tokens.get(idOrKey);
      expectNoViolation(exchanges);
      expect(exchanges[0]?.url.pathname).toBe(`/v1/tokens/${idOrKey}/`);
      expectToken(token);
      expect(token).toEqual(exchanges[0]?.responseJson);
    },
  );

  it("tokens.update() sends PATCH JSON and returns the updated Token", async () => {
    const { client, exchanges } = recordingClient();
    const token = await client.tokens.update(2, { is_active: false });
    expectNoViolation(exchanges);
    expect(exchanges[0]?.method).toBe("PATCH");
    expect(exchanges[0]?.requestHeaders.get("content-type")).toMatch(/^application\/json/);
    expect(JSON.parse(exchanges[0]?.requestBody ?? "null")).toEqual({ is_active: false });
    expectToken(token);
    expect(token).toEqual(exchanges[0]?.responseJson);
  });

  it("tokens.delete() resolves with nothing on 204", async () => {
    const { client, exchanges } = recordingClient();
    await expect(client.tokens.delete(2)).resolves.toBeUndefined();
    expectNoViolation(exchanges);
    expect(exchanges.map((exchange) => [exchange.method, exchange.url.pathname, exchange.status])).toEqual([
      ["DELETE", "/v1/tokens/2/", 204],
    ]);
  });

  it("tokens.deleteList() sends the permanent filter, or none for { all: true }", async () => {
    const { client, exchanges } = recordingClient();
    await expect(client.tokens.deleteList({ permanent: false })).resolves.toBeUndefined();
    await expect(client.tokens.deleteList({ all: true })).resolves.toBeUndefined();
    expectNoViolation(exchanges);
    expect(exchanges.map((exchange) => [exchange.method, exchange.url.search, exchange.status])).toEqual([
      ["DELETE", "?permanent=false", 204],
      ["DELETE", "", 204],
    ]);
  });

  it("tokens.rotate() creates a token, switches to its key and deactivates the old key", async () => {
    const { client, exchanges } = recordingClient();
    const created = await client.tokens.rotate();
    expectNoViolation(exchanges);
    expectToken(created);
    expect(created).toEqual(exchanges[0]?.responseJson);
    expect(exchanges.map((exchange) => [exchange.method, decodeURIComponent(exchange.url.pathname)])).toEqual(
      [
        ["POST", "/v1/tokens/"],
        ["PATCH", `/v1/tokens/${CONTRACT_KEY}/`],
      ],
    );
    expect(exchanges[0]?.requestHeaders.get("authorization")).toBe(`Token ${CONTRACT_KEY}`);
    expect(exchanges[1]?.requestHeaders.get("authorization")).toBe(`Token ${created.key}`);
    await client.tokens.list();
    expect(exchanges[2]?.requestHeaders.get("authorization")).toBe(`Token ${created.key}`);
  });

  it("client.raw (openapi-fetch) reaches the same API", async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.raw.GET("/v1/tokens/{token_id_or_key}/", {
      params: { path: { token_id_or_key: 1 } },
    });
    expect(response.status).toBe(200);
    expectNoViolation(exchanges);
    expectToken(data);
  });
});
