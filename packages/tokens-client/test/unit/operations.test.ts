/** The wire format of every operation: method, URL, query, headers and body, and what each returns. */
import { describe, expect, it } from "vitest";
import { API_TOKEN, empty, json, setup, token } from "./helpers/mock-fetch.js";

describe("operations on the wire", () => {
  it("create: POST /v1/tokens/ with a JSON body, returns the token", async () => {
    const { client, requests } = setup([json(201, token(3, { expires: null }))]);
    await expect(client.tokens.create({ permanent: true })).resolves.toEqual(token(3, { expires: null }));
    const [request] = requests;
    expect(request?.method).toBe("POST");
    expect(request?.url.href).toBe("https://api.test/v1/tokens/");
    expect(request?.headers.get("authorization")).toBe(`Token ${API_TOKEN}`);
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect([...(request?.headers.keys() ?? [])]).toEqual(["authorization", "content-type"]);
    expect(JSON.parse(request?.body ?? "")).toEqual({ permanent: true });
  });

  it("create: with no argument asks for a temporary token explicitly", async () => {
    const { client, requests } = setup([json(201, token(4))]);
    await client.tokens.create();
    expect(requests[0]?.body).toBe('{"permanent":false}');
  });

  it("list: GET /v1/tokens/ with permanent, limit and offset as query, booleans as true/false", async () => {
    const { client, requests } = setup([json(200, [token(2), token(1)]), json(200, [])]);
    await expect(client.tokens.list({ permanent: false, limit: 10, offset: 5 })).resolves.toEqual([
      token(2),
      token(1),
    ]);
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url.href).toBe("https://api.test/v1/tokens/?permanent=false&limit=10&offset=5");
    expect(requests[0]?.body).toBe("");
    expect([...(requests[0]?.headers.keys() ?? [])]).toEqual(["authorization"]);
    await expect(client.tokens.list()).resolves.toEqual([]);
    expect(requests[1]?.url.href).toBe("https://api.test/v1/tokens/");
  });

  it("get: GET /v1/tokens/{id}/ by id and by key", async () => {
    const { client, requests } = setup([json(200, token(7)), json(200, token(8))]);
    await expect(client.tokens.get(7)).resolves.toEqual(token(7));
    await expect(client.tokens.get("9944b09199c62bcf")).resolves.toEqual(token(8));
    expect(requests.map((r) => `${r.method} ${r.url.href}`)).toEqual([
      "GET https://api.test/v1/tokens/7/",
      "GET https://api.test/v1/tokens/9944b09199c62bcf/",
    ]);
  });

  it("percent-encodes a key exactly once, so it stays one path segment", async () => {
    const { client, requests } = setup([json(200, token(1)), json(200, token(1)), json(200, token(1))]);
    await client.tokens.get("a/../b?c#d");
    await client.tokens.get("100%");
    await client.tokens.get("...");
    expect(requests.map((r) => r.url.pathname)).toEqual([
      "/v1/tokens/a%2F..%2Fb%3Fc%23d/",
      "/v1/tokens/100%25/",
      "/v1/tokens/.../",
    ]);
    expect(requests[0]?.url.search).toBe("");
  });

  it("update: PATCH /v1/tokens/{id}/ with JSON {is_active}", async () => {
    const { client, requests } = setup([json(200, token(2, { is_active: false }))]);
    await expect(client.tokens.update(2, { is_active: false })).resolves.toEqual(
      token(2, { is_active: false }),
    );
    expect(requests[0]?.method).toBe("PATCH");
    expect(requests[0]?.url.href).toBe("https://api.test/v1/tokens/2/");
    expect(requests[0]?.headers.get("content-type")).toBe("application/json");
    expect(requests[0]?.body).toBe('{"is_active":false}');
  });

  it("delete: DELETE /v1/tokens/{id}/ and resolves to undefined on 204", async () => {
    const { client, requests } = setup([empty(204)]);
    await expect(client.tokens.delete("somekey")).resolves.toBeUndefined();
    expect(requests[0]?.method).toBe("DELETE");
    expect(requests[0]?.url.href).toBe("https://api.test/v1/tokens/somekey/");
    expect(requests[0]?.body).toBe("");
  });

  it("deleteList: DELETE /v1/tokens/?permanent=, and no parameter at all for { all: true }", async () => {
    const { client, requests } = setup([empty(), empty(), empty()]);
    await expect(client.tokens.deleteList({ permanent: false })).resolves.toBeUndefined();
    await client.tokens.deleteList({ permanent: true });
    await client.tokens.deleteList({ all: true });
    expect(requests.map((r) => `${r.method} ${r.url.href}`)).toEqual([
      "DELETE https://api.test/v1/tokens/?permanent=false",
      "DELETE https://api.test/v1/tokens/?permanent=true",
      "DELETE https://api.test/v1/tokens/",
    ]);
  });

  it("sends the extra default headers, but never lets them replace Authorization", async () => {
    const { client, requests } = setup([json(200, [])], {
      headers: { "X-Trace": "abc", Authorization: "Token other" },
    });
    await client.tokens.list();
    expect(requests[0]?.headers.get("x-trace")).toBe("abc");
    expect(requests[0]?.headers.get("authorization")).toBe(`Token ${API_TOKEN}`);
  });

  it("keeps a path prefix of baseUrl and drops its trailing slash", async () => {
    const { client, requests } = setup([json(200, [])], { baseUrl: "https://proxy.test/neuroio/" });
    await client.tokens.list();
    expect(requests[0]?.url.href).toBe("https://proxy.test/neuroio/v1/tokens/");
    expect(client.baseUrl).toBe("https://proxy.test/neuroio");
  });

  it("setApiToken switches the Authorization of later requests", async () => {
    const { client, requests } = setup([json(200, []), json(200, [])]);
    await client.tokens.list();
    client.setApiToken("another-token");
    await client.tokens.list();
    expect(requests.map((r) => r.headers.get("authorization"))).toEqual([
      `Token ${API_TOKEN}`,
      "Token another-token",
    ]);
  });

  it("exposes the typed openapi-fetch client, with the same base URL, token and fetch", async () => {
    const { client, requests } = setup([json(200, token(5))]);
    const { data } = await client.raw.GET("/v1/tokens/{token_id_or_key}/", {
      params: { path: { token_id_or_key: 5 } },
    });
    expect(data).toEqual(token(5));
    expect(requests[0]?.url.href).toBe("https://api.test/v1/tokens/5/");
    expect(requests[0]?.headers.get("authorization")).toBe(`Token ${API_TOKEN}`);
  });

  it("switches the raw client's token with setApiToken too", async () => {
    const { client, requests } = setup([json(200, [])]);
    client.setApiToken("switched-token");
    await client.raw.GET("/v1/tokens/");
    expect(requests[0]?.headers.get("authorization")).toBe("Token switched-token");
  });
});
