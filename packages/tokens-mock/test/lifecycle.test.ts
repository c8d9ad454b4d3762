import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { MockServerError, startMockServer } from "../src/index.js";
import { call, startTestMock } from "./support/mock.js";

/** Whether something can bind `port` on 127.0.0.1 right now. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

describe("startMockServer", () => {
  it("picks a free port for port 0, binds 127.0.0.1 and answers once resolved", async () => {
    const mock = await startTestMock();
    try {
      expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
      expect(mock.port).toBeGreaterThan(0);
      expect((await call(mock, "GET", "/v1/tokens/")).status).toBe(200);
    } finally {
      await mock.close();
    }
  });

  it("close() frees the port, even with a keep-alive connection open", async () => {
    const mock = await startTestMock();
    await call(mock, "GET", "/v1/tokens/"); // leaves a pooled keep-alive connection in fetch
    expect(await portIsFree(mock.port)).toBe(false);
    await mock.close();
    expect(await portIsFree(mock.port)).toBe(true);
    await expect(fetch(`${mock.url}/v1/tokens/`)).rejects.toThrow();
  });

  it("close() may be called twice", async () => {
    const mock = await startTestMock();
    await Promise.all([mock.close(), mock.close()]);
    await expect(mock.close()).resolves.toBeUndefined();
  });

  it("rejects a port in use with PORT_IN_USE naming the port", async () => {
    const first = await startTestMock();
    try {
      const second = startTestMock({ port: first.port });
      await expect(second).rejects.toBeInstanceOf(MockServerError);
      await expect(second).rejects.toMatchObject({
        code: "PORT_IN_USE",
        message: expect.stringContaining(`Port ${first.port} on 127.0.0.1 is already in use`),
      });
    } finally {
      await first.close();
    }
  });

  it("rejects a missing spec with SPEC_NOT_FOUND", async () => {
    await expect(
      startMockServer({ specPath: "/nonexistent/tokens.yaml", quiet: true }),
    ).rejects.toMatchObject({
      code: "SPEC_NOT_FOUND",
      message: "Spec not found: /nonexistent/tokens.yaml does not exist.",
    });
  });

  it.each([
    { options: { proxy: "not a url" }, message: /Invalid proxy URL "not a url"/ },
    { options: { proxy: "ftp://example.com" }, message: /only http: and https:/ },
    { options: { port: 70_000 }, message: /Invalid port 70000/ },
    { options: { port: 1.5 }, message: /Invalid port 1.5/ },
    { options: { host: "" }, message: /Invalid host/ },
    { options: { seed: "" }, message: /Invalid seed/ },
  ])("rejects $options before starting anything", async ({ options, message }) => {
    await expect(startMockServer({ quiet: true, ...options })).rejects.toMatchObject({
      code: "INVALID_OPTION",
      message: expect.stringMatching(message),
    });
  });

  it("logs every request at info when verbose", async () => {
    const lines: string[] = [];
    const mock = await startMockServer({ port: 0, verbose: true }, (line) => lines.push(line));
    try {
      lines.length = 0; // drop the readiness probe's lines
      await call(mock, "GET", "/v1/tokens/1/");
      await call(mock, "GET", "/v1/tokens/");
      await call(mock, "GET", `/v1/tokens/${"ab12".repeat(10)}/`);
      // The path as sent (the list's trailing slash not taken for a key), a key masked to its last four.
      expect(lines).toContain("[mock] info: Request received: GET /v1/tokens/1/ (answered 200)");
      expect(lines).toContain("[mock] info: Request received: GET /v1/tokens/ (answered 200)");
      expect(lines).toContain("[mock] info: Request received: GET /v1/tokens/***ab12/ (answered 200)");
    } finally {
      await mock.close();
    }
  });

  it("never logs the Authorization key, even verbose (Prism logs each request's headers)", async () => {
    const secret = "s3cr3t-key-that-must-not-be-logged";
    const lines: string[] = [];
    const mock = await startMockServer({ port: 0, verbose: true }, (line) => lines.push(line));
    try {
      await call(mock, "GET", "/v1/tokens/1/", { headers: { authorization: `Token ${secret}` } });
      await call(mock, "POST", "/v1/tokens/", {
        body: { permanent: "yes" },
        headers: { authorization: `Token ${secret}` },
      });
      expect(lines).toContainEqual(expect.stringMatching(/^\[mock\] info: Request received/));
      expect(lines.filter((line) => line.includes(secret))).toEqual([]);
    } finally {
      await mock.close();
    }
  });

  it("logs one line per answered mistake on the log sink unless quiet", async () => {
    const lines: string[] = [];
    const mock = await startMockServer({ port: 0 }, (line) => lines.push(line));
    try {
      await call(mock, "DELETE", "/v1/tokens/1/");
      await call(mock, "GET", "/v1/tokens/1/");
      await call(mock, "POST", "/v1/tokens/", { body: { permanent: "yes" } });
      // Nothing for a 204 or a 200; one line per answered mistake: method, path, status and the fields, in the answer's words.
      expect(lines).toEqual(["[mock] warn: POST /v1/tokens/ 400 permanent: Must be a valid boolean."]);
      // Info-level request logs stay off: they halve Prism's throughput.
      expect(lines.filter((line) => line.startsWith("[mock] info"))).toEqual([]);
    } finally {
      await mock.close();
    }
  });
});
