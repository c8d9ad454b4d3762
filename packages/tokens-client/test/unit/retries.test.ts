/** Retry rules: which methods and failures are retried, how often, and how long the client waits. */
import { describe, expect, it } from "vitest";
import {
  BadRequestError,
  InternalServerError,
  NeuroioApiError,
  NeuroioConnectionError,
  NeuroioTimeoutError,
  type NotFoundError,
  RateLimitError,
} from "../../src/index.js";
import { resolveOptions } from "../../src/options.js";
import { Transport } from "../../src/transport.js";
import { API_TOKEN, empty, json, ManualClock, mockFetch, setup, token } from "./helpers/mock-fetch.js";

const networkError = () => new TypeError("fetch failed");

describe("retries", () => {
  it.each([408, 429, 500, 502, 503, 504])("retries a GET on %i, then succeeds", async (status) => {
    const { client, requests, sleeps } = setup([json(status, { detail: "Later." }), json(200, token(1))]);
    await expect(client.tokens.get(1)).resolves.toEqual(token(1));
    expect(requests).toHaveLength(2);
    expect(sleeps).toEqual([500]);
  });

  it.each([400, 401, 403, 404, 409, 422, 501])("does not retry %i", async (status) => {
    const { client, requests } = setup([json(status, { detail: "No." }), json(200, token(1))]);
    await expect(client.tokens.get(1)).rejects.toBeInstanceOf(NeuroioApiError);
    expect(requests).toHaveLength(1);
  });

  it("retries PATCH, DELETE (one and many) on connection errors", async () => {
    const { client, requests } = setup([
      networkError(),
      json(200, token(1)),
      networkError(),
      empty(),
      networkError(),
      empty(),
    ]);
    await client.tokens.update(1, { is_active: false });
    await client.tokens.delete(1);
    await client.tokens.deleteList({ permanent: false });
    expect(requests.map((r) => r.method)).toEqual(["PATCH", "PATCH", "DELETE", "DELETE", "DELETE", "DELETE"]);
  });

  it("retries PUT too (the transport serves every idempotent method alike)", async () => {
    const mock = mockFetch(json(502, {}), json(200, token(2)));
    const transport = new Transport(
      resolveOptions({ apiToken: API_TOKEN, baseUrl: "https://api.test", fetch: mock.fetch }),
      new ManualClock(),
    );
    const init = {
      params: { path: { token_id_or_key: 2 } },
      body: { is_active: true },
    };
    await expect(transport.send("PUT", "/v1/tokens/{token_id_or_key}/", init, "token")).resolves.toEqual(
      token(2),
    );
    expect(mock.requests.map((r) => r.method)).toEqual(["PUT", "PUT"]);
  });

  it("sends the same request again: same URL, headers and body", async () => {
    const { client, requests } = setup([json(503, {}), json(200, token(1))]);
    await client.tokens.update("somekey12", { is_active: true });
    const [first, second] = requests;
    expect(second?.url.href).toBe(first?.url.href);
    expect(second?.body).toBe('{"is_active":true}');
    expect(second?.headers.get("authorization")).toBe(first?.headers.get("authorization"));
  });

  it("gives up after maxRetries (default 2): 3 attempts, the last error thrown", async () => {
    const { client, requests, sleeps } = setup([
      json(500, { detail: "a" }),
      json(502, {}),
      json(503, { detail: "c" }),
    ]);
    const error = await client.tokens.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(503);
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]);
  });

  it("honours maxRetries: 0 and a larger maxRetries, with backoff min(0.5·2^n, 8) s", async () => {
    const none = setup([networkError()], { maxRetries: 0 });
    await expect(none.client.tokens.list()).rejects.toBeInstanceOf(NeuroioConnectionError);
    expect(none.requests).toHaveLength(1);

    const many = setup([...Array.from({ length: 6 }, networkError), json(200, [])], { maxRetries: 6 });
    await expect(many.client.tokens.list()).resolves.toEqual([]);
    expect(many.requests).toHaveLength(7);
    expect(many.sleeps).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
  });

  it("never retries POST: not on 5xx, 429, connection errors or timeouts", async () => {
    for (const reply of [
      json(500, {}),
      json(429, {}, { "Retry-After": "1" }),
      json(503, {}),
      networkError(),
    ]) {
      const { client, requests, sleeps } = setup([reply, json(201, token(1))]);
      await expect(client.tokens.create({ permanent: true })).rejects.toThrow();
      expect(requests).toHaveLength(1);
      expect(sleeps).toEqual([]);
    }
    const timeout = setup(["hang", json(201, token(1))], { timeoutMs: 5 });
    await expect(timeout.client.tokens.create()).rejects.toBeInstanceOf(NeuroioTimeoutError);
    expect(timeout.requests).toHaveLength(1);
  });

  it("retries timeouts of idempotent calls", async () => {
    const { client, requests } = setup(["hang", "hang", json(200, token(1))], { timeoutMs: 5 });
    await expect(client.tokens.get(1)).resolves.toEqual(token(1));
    expect(requests).toHaveLength(3);
  });

  it("gives each retry a fresh request signal when the call has one", async () => {
    const { client, requests } = setup(["hang", json(200, token(1))], { timeoutMs: 5 });
    const controller = new AbortController();
    await expect(client.tokens.get(1, { signal: controller.signal })).resolves.toEqual(token(1));
    expect(requests.map((r) => r.signal.aborted)).toEqual([true, false]);
  });

  it("does not retry a 2xx whose body breaks the contract", async () => {
    const { client, requests } = setup([new Response("nope", { status: 200 }), json(200, token(1))]);
    await expect(client.tokens.get(1)).rejects.toThrow("not valid JSON");
    expect(requests).toHaveLength(1);
  });

  it("does not retry a 400 even with Retry-After", async () => {
    const { client, requests } = setup([json(400, { detail: "x" }, { "Retry-After": "1" }), json(200, [])]);
    await expect(client.tokens.list()).rejects.toBeInstanceOf(BadRequestError);
    expect(requests).toHaveLength(1);
  });
});

describe("Retry-After", () => {
  it("waits the seconds the server asks for", async () => {
    const { client, sleeps } = setup([json(429, {}, { "Retry-After": "3" }), json(200, [])]);
    await client.tokens.list();
    expect(sleeps).toEqual([3000]);
  });

  it("waits until an HTTP date", async () => {
    const date = new Date(Date.now() + 20_000).toUTCString();
    const { client, sleeps } = setup([json(503, {}, { "Retry-After": date }), json(200, [])]);
    await client.tokens.list();
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(18_000);
    expect(sleeps[0]).toBeLessThanOrEqual(20_000);
  });

  it("retries at once for a date in the past, and uses backoff for an unreadable value", async () => {
    const { client, sleeps } = setup([
      json(429, {}, { "Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT" }),
      json(429, {}, { "Retry-After": "soon" }),
      json(200, []),
    ]);
    await client.tokens.list();
    expect(sleeps).toEqual([0, 1000]);
  });

  it("accepts exactly 60 s", async () => {
    const { client, sleeps } = setup([json(429, {}, { "Retry-After": "60" }), json(200, [])]);
    await client.tokens.list();
    expect(sleeps).toEqual([60_000]);
  });

  it("throws at once beyond 60 s, with the wait on the error", async () => {
    const { client, requests, sleeps } = setup([
      json(429, { detail: "Slow down." }, { "Retry-After": "61" }),
    ]);
    const error = (await client.tokens.list().catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(61_000);
    expect(error.message).toBe("429 GET /v1/tokens/: Slow down.");
    expect(requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("throws at once for an HTTP date more than 60 s away", async () => {
    const date = new Date(Date.now() + 3_600_000).toUTCString();
    const { client, requests } = setup([json(503, {}, { "Retry-After": date })]);
    const error = (await client.tokens.get(1).catch((e: unknown) => e)) as InternalServerError;
    expect(error.retryAfterMs).toBeGreaterThan(3_500_000);
    expect(requests).toHaveLength(1);
  });

  it("puts the wait on the error when the retries are used up", async () => {
    const reply = () => json(429, {}, { "Retry-After": "2" });
    const { client, requests } = setup([reply(), reply(), reply()]);
    const error = (await client.tokens.get(1).catch((e: unknown) => e)) as RateLimitError;
    expect(error.retryAfterMs).toBe(2000);
    expect(requests).toHaveLength(3);
  });

  it("is not needed on errors that are not retried, but still read", async () => {
    const { client } = setup([json(404, {}, { "Retry-After": "5" })]);
    const error = (await client.tokens.get(1).catch((e: unknown) => e)) as NotFoundError;
    expect(error.retryAfterMs).toBe(5000);
  });
});
