/**
 * Defects 2 and 3: what a response may cost. Bodies are read as a stream within `maxResponseBytes` (a gzip
 * bomb is cancelled, not inflated), and an error body nested thousands of levels deep is still a typed error.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  BadRequestError,
  createTokensClient,
  InternalServerError,
  NeuroioError,
  NeuroioRequestError,
} from "../../src/index.js";
import { json, setup, token } from "./helpers/mock-fetch.js";

/** A body that produces `chunk`-byte pieces on demand, forever, counting what was pulled and seeing a cancel. */
function endlessBody(chunk: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      seen.pulled += chunk;
      controller.enqueue(new Uint8Array(chunk).fill(0x20));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

describe("maxResponseBytes", () => {
  it("stops reading a 2xx body past the limit, cancels it and throws a typed error saying so", async () => {
    const { stream, seen } = endlessBody(64 * 1024);
    const { client } = setup([new Response(stream, { status: 200 })], { maxResponseBytes: 1024 * 1024 });
    const error = (await client.tokens.list().catch((e: unknown) => e)) as NeuroioRequestError;
    expect(error).toBeInstanceOf(NeuroioRequestError);
    expect(error.message).toBe(
      "200 GET /v1/tokens/: the response body is larger than maxResponseBytes (1048576 bytes); it was not read",
    );
    expect(seen.cancelled).toBe(true);
    // Cancelled within a few chunks of the limit, not read to the end (there is none).
    expect(seen.pulled).toBeLessThanOrEqual(1024 * 1024 + 4 * 64 * 1024);
  });

  it("bounds an error body too (openapi-fetch would read it whole), and does not retry", async () => {
    const { stream, seen } = endlessBody(64 * 1024);
    const { client, requests } = setup([new Response(stream, { status: 503 }), json(200, [])], {
      maxResponseBytes: 256 * 1024,
    });
    const error = (await client.tokens.list().catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(NeuroioRequestError);
    expect(error.message).toContain("503 GET /v1/tokens/: the response body is larger than maxResponseBytes");
    expect(seen.cancelled).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it("lets a body of exactly the limit through", async () => {
    const body = JSON.stringify([token(1)]);
    const { client } = setup([json(200, [token(1)])], {
      maxResponseBytes: new TextEncoder().encode(body).length,
    });
    await expect(client.tokens.list()).resolves.toEqual([token(1)]);
  });

  it("decodes a body sent one byte at a time, characters split across chunks included", async () => {
    const tokens = [token(1, { key: "kéy-€-𝄞" }), token(2)];
    const bytes = new TextEncoder().encode(JSON.stringify(tokens));
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at < bytes.length) controller.enqueue(bytes.slice(at, ++at));
        else controller.close();
      },
    });
    const { client } = setup([new Response(stream, { status: 200 })]);
    await expect(client.tokens.list()).resolves.toEqual(tokens);
  });

  it("defaults to 8 MiB and must be a positive integer", async () => {
    const { stream, seen } = endlessBody(1024 * 1024);
    const { client } = setup([new Response(stream, { status: 200 })]);
    await expect(client.tokens.list()).rejects.toThrow("maxResponseBytes (8388608 bytes)");
    expect(seen.pulled).toBeLessThanOrEqual(12 * 1024 * 1024);
    for (const bad of [0, -1, 1.5, Number.NaN, "8MB"]) {
      expect(() => createTokensClient({ apiToken: "abcd", maxResponseBytes: bad as number })).toThrow(
        /^maxResponseBytes must be an integer >= 1/,
      );
    }
  });

  describe("against a real server sending a gzip bomb", () => {
    let server: Server | undefined;
    afterEach(async () => {
      server?.closeAllConnections();
      await new Promise((resolve) => server?.close(resolve));
    });

    it("counts inflated bytes: 64 MiB of zeros in a 64 KB gzip body is refused at the limit", async () => {
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
      server = createServer((_, response) => {
        response.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip" });
        response.end(bomb);
      });
      await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as AddressInfo;
      const client = createTokensClient({
        apiToken: "abcd1234",
        baseUrl: `http://127.0.0.1:${port}`,
        maxResponseBytes: 1024 * 1024,
      });
      expect(bomb.length).toBeLessThan(1024 * 1024);
      await expect(client.tokens.list()).rejects.toThrow("larger than maxResponseBytes (1048576 bytes)");
    }, 30_000);
  });
});

describe("an error body nested thousands of levels deep", () => {
  const deep = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
  const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;

  it("is a typed error with the text as body, never a RangeError", async () => {
    for (const body of [deep(5_000), deepObject(100_000)]) {
      const { client } = setup([new Response(body, { status: 400 })]);
      const error = (await client.tokens.list().catch((e: unknown) => e)) as BadRequestError;
      expect(error).toBeInstanceOf(BadRequestError);
      expect(error.body).toBe(body);
      expect(error.message.length).toBeLessThan(300);
    }
  });

  it("is not hidden behind a string of closing brackets (a 400, not a retried connection error)", async () => {
    const levels = 100_000;
    const body = `{"detail":"Nope.","pad":"${"]".repeat(levels)}","x":${deep(levels)}}`;
    const { client, requests } = setup([new Response(body, { status: 400 })]);
    const error = (await client.tokens.list().catch((e: unknown) => e)) as BadRequestError;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.body).toBe(body);
    expect(requests).toHaveLength(1);
  });

  it("on a retryable 5xx is retried like any other", async () => {
    const { client, requests } = setup([new Response(deep(200_000), { status: 503 }), json(200, [token(1)])]);
    await expect(client.tokens.list()).resolves.toEqual([token(1)]);
    expect(requests).toHaveLength(2);
    const last = setup([new Response(deep(10_000), { status: 500 })], { maxRetries: 0 });
    await expect(last.client.tokens.list()).rejects.toBeInstanceOf(InternalServerError);
  });

  it("in a 2xx is a typed contract error too", async () => {
    const { client } = setup([new Response(deep(100_000), { status: 200 })]);
    await expect(client.tokens.list()).rejects.toThrow(
      "200 GET /v1/tokens/: the response body is not an array of tokens",
    );
  });

  it("is parsed as usual up to 64 levels", async () => {
    const nested = { detail: "Nope.", extra: JSON.parse(deep(60)), text: "[[[]]]" };
    const { client } = setup([json(400, nested)]);
    const error = (await client.tokens.list().catch((e: unknown) => e)) as BadRequestError;
    expect(error.detail).toBe("Nope.");
    expect(error.body).toEqual(nested);
    expect(error).toBeInstanceOf(NeuroioError);
  });
});
