/** One regression test per defect of issue 10 that the front, Prism's wiring or the CLI owned (1–6, 10). */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopbackHost, startupBanner } from "../../src/cli/banner.js";
import { type MockServer, startMockServer } from "../../src/index.js";
import { resolveOptions } from "../../src/options.js";
import { call, startTestMock } from "../support/mock.js";

/** Sends raw bytes (fetch would re-encode a string) and reads the answer. */
async function sendRaw(
  mock: MockServer,
  method: string,
  path: string,
  body: Uint8Array,
  contentType: string,
) {
  const response = await fetch(`${mock.url}${path}`, {
    method,
    body: Buffer.from(body),
    headers: { authorization: `Token ${mock.token ?? "any"}`, "content-type": contentType },
    signal: AbortSignal.timeout(5_000),
  });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

/** The mock still answers a good request: the mistake did not take it down. */
async function expectAlive(mock: MockServer) {
  const result = await call(mock, "GET", "/v1/tokens/", {
    auth: false,
    headers: { authorization: `Token ${mock.token ?? "any"}` },
  });
  expect(result.status).toBe(200);
}

for (const mode of ["examples", "stateful"] as const) {
  describe(`${mode} mode survives hostile requests`, () => {
    let mock: MockServer;
    beforeAll(async () => {
      mock = await startTestMock(mode === "stateful" ? { stateful: true } : {});
    });
    afterAll(() => mock?.close());

    it("defect 1: a non-ASCII property name is a 400 naming it, and sl-violations stays ASCII", async () => {
      const body = new TextEncoder().encode('{"ключ":1}');
      const result = await sendRaw(mock, "POST", "/v1/tokens/", body, "application/json");
      expect(result.status).toBe(400);
      expect(result.json).toEqual({ ключ: ["Unexpected field: the spec does not declare it."] });
      const header = result.headers.get("sl-violations") ?? "";
      expect(header).toMatch(/^[\x20-\x7e]+$/);
      expect(JSON.parse(header)[0].message).toContain("ключ");
      await expectAlive(mock);
    });

    it("defect 1: a body with invalid UTF-8 bytes is a 400 JSON parse error", async () => {
      const body = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
      const result = await sendRaw(mock, "POST", "/v1/tokens/", body, "application/json");
      expect(result).toMatchObject({
        status: 400,
        json: { detail: "JSON parse error - the body is not valid UTF-8." },
      });
      await expectAlive(mock);
    });

    it("defect 2: a malformed percent-encoding in the path is a 404, as an unknown token", async () => {
      for (const path of ["/v1/tokens/%ff/", "/v1/tokens/%E0%A4%A/", "/v1/%zz/"]) {
        const result = await call(mock, "GET", path, { auth: false, headers: { authorization: "Token k" } });
        expect([path, result.status, result.json]).toEqual([path, 404, { detail: "Not found." }]);
      }
      await expectAlive(mock);
    });

    it("defect 3: a JSON body nested 10,000 levels deep is a 400, not a crash", async () => {
      const deep = `{"permanent":${"[".repeat(10_000)}${"]".repeat(10_000)}}`;
      const result = await sendRaw(
        mock,
        "POST",
        "/v1/tokens/",
        new TextEncoder().encode(deep),
        "application/json",
      );
      expect(result).toMatchObject({
        status: 400,
        json: { detail: "JSON parse error - nested deeper than 64 levels." },
      });
      await expectAlive(mock);
    });

    it.each(["utf-16", "utf-16le", "UTF16", "ucs-2"])(
      "defect 4: charset=%s is answered 415 at once, not left hanging",
      async (charset) => {
        const contentType = `application/json; charset=${charset}`;
        const body = new Uint8Array(Buffer.from('{"permanent":true}', "utf16le"));
        const result = await sendRaw(mock, "POST", "/v1/tokens/", body, contentType);
        expect(result).toMatchObject({
          status: 415,
          json: { detail: `Unsupported media type "${contentType}" in request.` },
        });
      },
    );

    it("takes a query parameter named __proto__ as a parameter, not as the query's prototype", async () => {
      const result = await call(mock, "GET", "/v1/tokens/?__proto__=x&limit=0", {
        auth: false,
        headers: { authorization: `Token ${mock.token ?? "any"}` },
      });
      expect(result).toMatchObject({
        status: 400,
        json: { limit: ["Ensure this value is greater than or equal to 1."] },
      });
      await expectAlive(mock);
    });

    it.each(["constructor", "__proto__", "toString"])(
      "names a JSON field called %s in the 400, not a 500",
      async (name) => {
        const body = new TextEncoder().encode(`{"${name}":{"x":1},"permanent":"yes"}`);
        const result = await sendRaw(mock, "POST", "/v1/tokens/", body, "application/json");
        expect(result.status).toBe(400);
        expect(Object.getPrototypeOf(result.json)).toBe(Object.prototype);
        expect(Object.entries(result.json)).toEqual([
          [name, ["Unexpected field: the spec does not declare it."]],
          ["permanent", ["Must be a valid boolean."]],
        ]);
        await expectAlive(mock);
      },
    );

    it("reads a form body with a malformed percent-encoding as Django does, not a 500", async () => {
      for (const form of ["is_active=%ff", "is_active=%", "is_active=%zz&x%=1"]) {
        const body = new TextEncoder().encode(form);
        const result = await sendRaw(
          mock,
          "PATCH",
          "/v1/tokens/1/",
          body,
          "application/x-www-form-urlencoded",
        );
        expect([form, result.status, result.json.is_active]).toEqual([
          form,
          400,
          ["Must be a valid boolean."],
        ]);
      }
      await expectAlive(mock);
    });

    it("ignores a JSON body on DELETE, as the API does, instead of a 415", async () => {
      for (const [path, status] of [
        ["/v1/tokens/?permanent=false", 204],
        ["/v1/tokens/999999/", mode === "stateful" ? 404 : 204],
      ] as const) {
        const response = await fetch(`${mock.url}${path}`, {
          method: "DELETE",
          body: '{"x":1}',
          headers: { authorization: `Token ${mock.token ?? "any"}`, "content-type": "application/json" },
          signal: AbortSignal.timeout(5_000),
        });
        expect([path, response.status]).toEqual([path, status]);
      }
      await expectAlive(mock);
    });

    it("refuses a body over 10 MiB with 413 without reading it all", async () => {
      const result = await sendRaw(
        mock,
        "POST",
        "/v1/tokens/",
        new Uint8Array(10 * 1024 * 1024 + 1),
        "application/json",
      );
      expect(result).toMatchObject({
        status: 413,
        json: { detail: "Request body larger than 10485760 bytes." },
      });
      await expectAlive(mock);
    });
  });
}

/** A server on a free loopback port that records the requests it gets and answers with `answer`. */
async function startServer(
  seen: IncomingHttpHeaders[],
  answer: (url: string) => { status: number; headers?: Record<string, string>; body?: string },
): Promise<Server & { url: string }> {
  const server = createServer((request, response) => {
    seen.push(request.headers);
    const { status, headers, body } = answer(request.url ?? "/");
    response.writeHead(status, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return Object.assign(server, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

describe("defect 5: proxy mode never follows a redirect, so credentials stay with the upstream", () => {
  const elsewhereSeen: IncomingHttpHeaders[] = [];
  const upstreamSeen: IncomingHttpHeaders[] = [];
  let elsewhere: Server & { url: string };
  let upstream: Server & { url: string };
  let mock: MockServer;
  beforeAll(async () => {
    elsewhere = await startServer(elsewhereSeen, () => ({ status: 200, body: "[]" }));
    upstream = await startServer(upstreamSeen, (url) => ({
      status: Number(/status=(\d+)/.exec(url)?.[1] ?? 302),
      headers: { location: `${elsewhere.url}/v1/tokens/` },
    }));
    mock = await startTestMock({ proxy: upstream.url, errors: false });
  });
  afterAll(async () => {
    await mock?.close();
    await new Promise((resolve) => upstream.close(resolve));
    await new Promise((resolve) => elsewhere.close(resolve));
  });

  it.each([301, 302, 303, 307, 308])("passes a %i back unchanged", async (status) => {
    const response = await fetch(`${mock.url}/v1/tokens/?status=${status}`, {
      headers: { authorization: "Token REALKEY123" },
      redirect: "manual",
    });
    expect(response.status).toBe(status);
    expect(response.headers.get("location")).toBe(`${elsewhere.url}/v1/tokens/`);
    expect(upstreamSeen.at(-1)?.authorization).toBe("Token REALKEY123");
    expect(elsewhereSeen).toEqual([]);
  });
});

describe("defect 6: keys in paths and URL passwords never reach the log", () => {
  const KEY = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b";

  it("masks the key of a path and a proxy URL's password in verbose proxy mode", async () => {
    const upstream = await startServer([], () => ({
      status: 404,
      headers: { "content-type": "application/json" },
      body: '{"detail":"Not found."}',
    }));
    const lines: string[] = [];
    const proxy = upstream.url.replace("http://", "http://user:PASS-w0rd@");
    const mock = await startMockServer({ port: 0, verbose: true, proxy }, (line) => lines.push(line));
    try {
      await call(mock, "GET", `/v1/tokens/${KEY}/`);
      expect(lines.join("\n")).toContain("/v1/tokens/***ee4b/");
      expect(lines.filter((line) => line.includes(KEY) || line.includes("PASS-w0rd"))).toEqual([]);
    } finally {
      await mock.close();
      await new Promise((resolve) => upstream.close(resolve));
    }
  });

  it("masks keys in stateful mode's log lines, verbose", async () => {
    const lines: string[] = [];
    const mock = await startMockServer({ port: 0, verbose: true, stateful: true }, (line) =>
      lines.push(line),
    );
    try {
      const key = mock.token as string;
      await call(mock, "GET", `/v1/tokens/${key}/`, {
        auth: false,
        headers: { authorization: `Token ${key}` },
      });
      await call(mock, "GET", `/v1/tokens/${KEY}/`, {
        auth: false,
        headers: { authorization: `Token ${key}` },
      });
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.filter((line) => line.includes(key) || line.includes(KEY))).toEqual([]);
    } finally {
      await mock.close();
    }
  });

  it("masks a key in a mistyped path too (a 404 logged with the path)", async () => {
    const lines: string[] = [];
    const mock = await startMockServer({ port: 0, verbose: true, stateful: true }, (line) =>
      lines.push(line),
    );
    try {
      const key = mock.token as string;
      const paths = [`/v1/tokens//${key}/`, `/v1/token/${key}/`, `/v1/TOKENS/${KEY}/`, `/v1/x/../${KEY}/`];
      for (const path of paths) {
        const result = await call(mock, "GET", path, {
          auth: false,
          headers: { authorization: `Token ${key}` },
        });
        expect(result.status).toBe(404);
      }
      expect(lines.filter((line) => / 404 /.test(line)).length).toBeGreaterThanOrEqual(paths.length);
      expect(lines.filter((line) => line.includes(key) || line.includes(KEY))).toEqual([]);
    } finally {
      await mock.close();
    }
  });

  it("masks the password of an invalid proxy URL in the error", async () => {
    await expect(startMockServer({ proxy: "ftp://user:PASS-w0rd@example.com" })).rejects.toThrow(
      'Invalid proxy URL "ftp://user:***@example.com"',
    );
  });
});

describe("defect 10: every address that is not loopback gets the network warning", () => {
  it.each(["0", "::0", "0:0:0:0:0:0:0:0", "0.0.0.0", "::", "[::]", "192.168.1.20", "example.com"])(
    "warns for %s",
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
      const banner = startupBanner({
        url: "http://x",
        port: 1,
        token: undefined,
        options: resolveOptions({ host }),
        close: async () => {},
      });
      expect(banner).toContain(`Bound to ${host}: other machines on your network can reach this mock.`);
    },
  );

  it.each(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "localhost"])(
    "does not warn for %s",
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );
});
