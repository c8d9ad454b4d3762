import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MockServer } from "../src/index.js";
import { call, startTestMock } from "./support/mock.js";

const GOOD_TOKEN = { id: 7, key: "k", is_active: true, created: "2026-11-27T10:00:00Z", expires: null };

/** A stand-in for the real API: a good token on /v1/tokens/7/, a token missing `key` on /v1/tokens/8/. */
function startUpstream(seen: IncomingHttpHeaders[]): Promise<Server> {
  const server = createServer((request, response) => {
    seen.push(request.headers);
    const { key: _dropped, ...broken } = GOOD_TOKEN;
    const body = request.url === "/v1/tokens/8/" ? { ...broken, id: 8 } : GOOD_TOKEN;
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("proxy mode", () => {
  const seen: IncomingHttpHeaders[] = [];
  let upstream: Server;
  let mock: MockServer;
  beforeAll(async () => {
    upstream = await startUpstream(seen);
    const { port } = upstream.address() as AddressInfo;
    mock = await startTestMock({ proxy: `http://127.0.0.1:${port}`, errors: false });
  });
  afterAll(async () => {
    await mock.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  it("does not send a readiness probe to the real server", () => {
    expect(seen).toEqual([]);
  });

  it("passes the real server's answer through, with Authorization, and reports no violation", async () => {
    const result = await call(mock, "GET", "/v1/tokens/7/");
    expect(result.status).toBe(200);
    expect(result.json).toEqual(GOOD_TOKEN);
    expect(result.headers.get("sl-violations")).toBeNull();
    expect(seen.at(-1)?.authorization).toMatch(/^Token /);
  });

  it("reports a response that breaks the spec in sl-violations", async () => {
    const result = await call(mock, "GET", "/v1/tokens/8/");
    expect(result.status).toBe(200);
    expect(JSON.parse(result.headers.get("sl-violations") ?? "[]")).toContainEqual(
      expect.objectContaining({ location: ["response", "body"], message: expect.stringContaining("key") }),
    );
  });

  it("leaves the Authorization check to the real server", async () => {
    const result = await call(mock, "GET", "/v1/tokens/7/", {
      auth: false,
      headers: { authorization: "Bearer x" },
    });
    expect(seen.at(-1)?.authorization).toBe("Bearer x");
    expect(result.status).toBe(200);
  });
});
