/** rotate: create with the old key, switch to the new one, retire the old key by its key. */
import { describe, expect, it } from "vitest";
import { BadRequestError, NeuroioAbortError, NeuroioError, NotFoundError } from "../../src/index.js";
import { API_TOKEN, empty, json, setup, token } from "./helpers/mock-fetch.js";

const NEW_KEY = "new-key-0000000000000000000000000000000000";
const created = token(42, { key: NEW_KEY });

describe("rotate", () => {
  it("creates a temporary token, switches to it and deactivates the old key", async () => {
    const { client, requests } = setup([
      json(201, created),
      json(200, token(1, { is_active: false })),
      json(200, []),
    ]);
    await expect(client.tokens.rotate()).resolves.toEqual(created);
    expect(requests.map((r) => [r.method, r.url.pathname, r.headers.get("authorization"), r.body])).toEqual([
      ["POST", "/v1/tokens/", `Token ${API_TOKEN}`, '{"permanent":false}'],
      ["PATCH", `/v1/tokens/${API_TOKEN}/`, `Token ${NEW_KEY}`, '{"is_active":false}'],
    ]);
    await client.tokens.list();
    expect(requests[2]?.headers.get("authorization")).toBe(`Token ${NEW_KEY}`);
  });

  it("can create a permanent token and delete the old key", async () => {
    const { client, requests } = setup([json(201, created), empty()]);
    await client.tokens.rotate({ permanent: true, retire: "delete" });
    expect(requests.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
      ["POST", "/v1/tokens/", '{"permanent":true}'],
      ["DELETE", `/v1/tokens/${API_TOKEN}/`, ""],
    ]);
  });

  it("keeps the old key when creating fails", async () => {
    const { client, requests } = setup([
      json(400, { detail: "You can't have more than 5 permanent tokens." }),
      json(200, []),
    ]);
    const error = await client.tokens.rotate({ permanent: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as NeuroioError).newToken).toBeUndefined();
    await client.tokens.list();
    expect(requests.map((r) => r.headers.get("authorization"))).toEqual([
      `Token ${API_TOKEN}`,
      `Token ${API_TOKEN}`,
    ]);
  });

  it("keeps the new key when retiring fails, and hands it back on the error", async () => {
    const { client, requests } = setup([
      json(201, created),
      json(404, { detail: "Not found." }),
      json(200, []),
    ]);
    const error = (await client.tokens.rotate().catch((e: unknown) => e)) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.newToken).toEqual(created);
    // Not enumerable: logging the error does not print the new key.
    expect(JSON.stringify(error)).not.toContain(NEW_KEY);
    expect(error.message).not.toContain(API_TOKEN);
    await client.tokens.list();
    expect(requests[2]?.headers.get("authorization")).toBe(`Token ${NEW_KEY}`);
  });

  it("retries retiring (PATCH) but never creating (POST)", async () => {
    const { client, requests } = setup([json(201, created), json(503, {}), json(200, token(1))]);
    await client.tokens.rotate();
    expect(requests.map((r) => r.method)).toEqual(["POST", "PATCH", "PATCH"]);
    const once = setup([json(503, {}), json(201, created)]);
    await expect(once.client.tokens.rotate()).rejects.toThrow("503 POST /v1/tokens/");
    expect(once.requests).toHaveLength(1);
  });

  it("hands the new token back when the caller aborts while the old key is retired", async () => {
    const controller = new AbortController();
    const { client, requests } = setup([
      json(201, created),
      () => {
        controller.abort();
        return new Promise<Response>(() => {});
      },
    ]);
    const error = (await client.tokens
      .rotate({}, { signal: controller.signal })
      .catch((e: unknown) => e)) as NeuroioError;
    expect(error).toBeInstanceOf(NeuroioAbortError);
    expect(error.newToken).toEqual(created);
    expect(requests.map((r) => r.method)).toEqual(["POST", "PATCH"]);
  });

  it("does not switch to a key that cannot be sent as a header, but hands it back", async () => {
    const { client, requests } = setup([json(201, token(42, { key: "bad key" })), json(200, [])]);
    const error = (await client.tokens.rotate().catch((e: unknown) => e)) as NeuroioError;
    expect(error).toBeInstanceOf(NeuroioError);
    expect(error.newToken?.key).toBe("bad key");
    await client.tokens.list();
    expect(requests[1]?.headers.get("authorization")).toBe(`Token ${API_TOKEN}`);
  });
});
