/** Per-attempt timeouts and the caller's AbortSignal. */
import { describe, expect, it, vi } from "vitest";
import { createTokensClient, NeuroioAbortError, NeuroioTimeoutError } from "../../src/index.js";
import { API_TOKEN, clientWith, json, ManualClock, mockFetch, setup, token } from "./helpers/mock-fetch.js";

describe("timeouts", () => {
  it("bound each attempt by timeoutMs", async () => {
    const { client, requests } = setup(["hang"], { timeoutMs: 20, maxRetries: 0 });
    const started = Date.now();
    const error = (await client.tokens.get(1).catch((e: unknown) => e)) as NeuroioTimeoutError;
    expect(error).toBeInstanceOf(NeuroioTimeoutError);
    expect(error.message).toBe("GET /v1/tokens/1/: timed out after 20 ms");
    expect(error.timeoutMs).toBe(20);
    expect(requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("cancel the request itself when the call has a signal", async () => {
    const { client, requests } = setup(["hang"], { timeoutMs: 20, maxRetries: 0 });
    const controller = new AbortController();
    await expect(client.tokens.get(1, { signal: controller.signal })).rejects.toBeInstanceOf(
      NeuroioTimeoutError,
    );
    expect(requests[0]?.signal.aborted).toBe(true);
    expect(controller.signal.aborted).toBe(false);
  });

  it("can be set per call, overriding the client's", async () => {
    const { client } = setup(["hang"], { timeoutMs: 60_000, maxRetries: 0 });
    const error = (await client.tokens
      .list({}, { timeoutMs: 10 })
      .catch((e: unknown) => e)) as NeuroioTimeoutError;
    expect(error).toBeInstanceOf(NeuroioTimeoutError);
    expect(error.timeoutMs).toBe(10);
  });

  it("longer than a timer can hold (2^31 - 1 ms) still let a slow answer arrive", async () => {
    const slow = () =>
      new Promise<Response>((resolve) => setTimeout(() => resolve(json(200, [token(1)])), 20));
    const { client } = setup([slow], { timeoutMs: 3e9, maxRetries: 0 });
    await expect(client.tokens.list()).resolves.toEqual([token(1)]);
  });

  it("cover reading the body, not only the headers", async () => {
    const slowBody = (request: Request) =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode("["));
            request.signal.addEventListener("abort", () => controller.error(request.signal.reason));
          },
        }),
        { status: 200 },
      );
    const { client } = setup([slowBody], { timeoutMs: 20, maxRetries: 0 });
    await expect(client.tokens.list()).rejects.toBeInstanceOf(NeuroioTimeoutError);
  });

  it("leave no timer behind once a call settles, so a script can exit at once", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { client } = setup([json(200, token(1)), json(404, { detail: "Not found." })]);
      await client.tokens.get(1);
      expect(vi.getTimerCount()).toBe(0);
      await expect(client.tokens.get(2)).rejects.toThrow("404");
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the caller's signal", () => {
  it("rejects with NeuroioAbortError before any request when already aborted", async () => {
    const { client, requests } = setup([json(200, [])]);
    const controller = new AbortController();
    const reason = new Error("user left");
    controller.abort(reason);
    const error = (await client.tokens
      .list({}, { signal: controller.signal })
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(NeuroioAbortError);
    expect(error.cause).toBe(reason);
    expect(requests).toHaveLength(0);
  });

  it("aborts an attempt in flight at once, and is not retried", async () => {
    const { client, requests } = setup(["hang", json(200, [])], { timeoutMs: 60_000 });
    const controller = new AbortController();
    const pending = client.tokens.list({}, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = (await pending.catch((e: unknown) => e)) as NeuroioAbortError;
    expect(error).toBeInstanceOf(NeuroioAbortError);
    expect(error.message).toBe("GET /v1/tokens/: aborted by the caller's signal");
    expect(requests).toHaveLength(1);
    expect(requests[0]?.signal.aborted).toBe(true);
  });

  it("aborts the wait between two attempts", async () => {
    const mock = mockFetch(json(503, {}), json(200, []));
    const controller = new AbortController();
    let waited = 0;
    const client = clientWith(
      { apiToken: API_TOKEN, baseUrl: "https://api.test", fetch: mock.fetch },
      new ManualClock(
        (_ms, signal) =>
          new Promise((_, reject) => {
            waited++;
            signal?.addEventListener("abort", () => reject(signal.reason));
            controller.abort();
          }),
      ),
    );
    await expect(client.tokens.get(1, { signal: controller.signal })).rejects.toBeInstanceOf(
      NeuroioAbortError,
    );
    expect(waited).toBe(1);
    expect(mock.requests).toHaveLength(1);
  });

  it("aborts a real backoff sleep at once", async () => {
    const mock = mockFetch(json(503, {}, { "Retry-After": "30" }), json(200, []));
    const client = createTokensClient({
      apiToken: API_TOKEN,
      baseUrl: "https://api.test",
      fetch: mock.fetch,
    });
    const controller = new AbortController();
    const started = Date.now();
    const pending = client.tokens.list({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(NeuroioAbortError);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(mock.requests).toHaveLength(1);
  });
});
