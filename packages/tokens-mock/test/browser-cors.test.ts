import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chromiumLaunchOptions } from "@neuroio/test-support/chromium";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MockServer } from "../src/index.js";
import { startTestMock } from "./support/mock.js";

/** A page served from another origin than the mock, as a frontend dev server would be. */
function startPageServer(): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end("<!doctype html><title>app</title>");
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("a browser app on another origin", () => {
  let mock: MockServer;
  let pageServer: Server;
  let browser: Browser;
  beforeAll(async () => {
    [mock, pageServer, browser] = await Promise.all([
      startTestMock(),
      startPageServer(),
      chromium.launch(chromiumLaunchOptions()),
    ]);
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => pageServer?.close(resolve));
    await mock?.close();
  });

  it("sends a PATCH with Authorization (preflighted) and reads sl-violations", async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`);
    const result = await page.evaluate(async (url) => {
      const send = async (body: unknown) => {
        const response = await fetch(`${url}/v1/tokens/1/`, {
          method: "PATCH",
          credentials: "include",
          headers: { Authorization: "Token abc", "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
        return {
          status: response.status,
          violations: response.headers.get("sl-violations"),
          body: await response.json(),
        };
      };
      return { valid: await send({ is_active: false }), invalid: await send({ is_active: "no" }) };
    }, mock.url);
    expect(result.valid.status).toBe(200);
    expect(result.valid.body).toMatchObject({ is_active: false });
    expect(result.valid.violations).toBeNull();
    expect(result.invalid.status).toBe(400);
    expect(JSON.parse(result.invalid.violations ?? "null")).toEqual([
      expect.objectContaining({ location: ["request", "body", "is_active"] }),
    ]);
  });
});
