import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error plain .mjs module without declarations
import { measure } from "../src/lib/load-client.mjs";

let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A server on a free port of 127.0.0.1 that records what it was asked. */
async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/tokens/?limit=3`;
}

describe("load client", () => {
  it("sends exactly the requests asked for, with the path, query and Authorization given", async () => {
    const seen: string[] = [];
    const body = JSON.stringify(Array.from({ length: 200 }, (_, id) => ({ id })));
    const url = await serve((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers.authorization}`);
      response.end(body); // Content-Length
    });
    const reqPerS = await measure({ url, authorization: "Token k", connections: 3, requests: 50 });
    expect(seen).toHaveLength(50);
    expect(new Set(seen)).toEqual(new Set(["GET /v1/tokens/?limit=3 Token k"]));
    expect(reqPerS).toBeGreaterThan(0);
  });

  it("reads chunked answers whole, across several writes", async () => {
    let count = 0;
    const url = await serve((_request, response) => {
      count += 1;
      response.write("[1,");
      setImmediate(() => response.end("2]"));
    });
    await measure({ url, authorization: "Token k", connections: 2, requests: 20 });
    expect(count).toBe(20);
  });

  it("fails the run on an answer other than 200, naming it", async () => {
    const url = await serve((_request, response) => {
      response.writeHead(401).end("{}");
    });
    await expect(measure({ url, authorization: "Token k", connections: 1, requests: 5 })).rejects.toThrow(
      /401 Unauthorized/,
    );
  });

  it("fails instead of hanging when the server closes the connection", async () => {
    const url = await serve((request) => {
      request.socket.destroy();
    });
    await expect(measure({ url, authorization: "Token k", connections: 1, requests: 5 })).rejects.toThrow(
      /closed the connection/,
    );
  });
});
