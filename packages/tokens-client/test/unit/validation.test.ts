/** Every input rule: bad input is a NeuroioError naming the argument, thrown before any request. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTokensClient, NeuroioError, type TokensClientOptions } from "../../src/index.js";
import { json, mockFetch, setup, token } from "./helpers/mock-fetch.js";

/** Creating a client with `options` (over a fetch that must never be called) throws a NeuroioError matching `message`. */
function expectOptionsError(options: TokensClientOptions, message: string | RegExp): void {
  const { fetch, requests } = mockFetch();
  expect(() => createTokensClient({ fetch, ...options })).toThrow(NeuroioError);
  expect(() => createTokensClient({ fetch, ...options })).toThrow(message);
  expect(requests).toHaveLength(0);
}

describe("client options", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("requires an API token, from the option or NEUROIO_API_TOKEN", () => {
    vi.stubEnv("NEUROIO_API_TOKEN", "");
    expectOptionsError({}, /apiToken is missing/);
    expectOptionsError({ apiToken: "" }, /apiToken is missing/);
    expectOptionsError({ apiToken: 42 as unknown as string }, "apiToken must be a string, got number");
  });

  it("falls back to NEUROIO_API_TOKEN and NEUROIO_BASE_URL", async () => {
    vi.stubEnv("NEUROIO_API_TOKEN", "from-env");
    vi.stubEnv("NEUROIO_BASE_URL", "https://env.test/");
    const { fetch, requests } = mockFetch(json(200, []));
    const client = createTokensClient({ fetch });
    await client.tokens.list();
    expect(requests[0]?.url.href).toBe("https://env.test/v1/tokens/");
    expect(requests[0]?.headers.get("authorization")).toBe("Token from-env");
  });

  it("prefers the options over the environment, and defaults to https://iam.neuroio.com", () => {
    vi.stubEnv("NEUROIO_API_TOKEN", "from-env");
    vi.stubEnv("NEUROIO_BASE_URL", "");
    expect(createTokensClient({}).baseUrl).toBe("https://iam.neuroio.com");
    vi.stubEnv("NEUROIO_BASE_URL", "https://env.test");
    expect(createTokensClient({ baseUrl: "https://option.test" }).baseUrl).toBe("https://option.test");
  });

  it.each([
    ["a space", "abc def"],
    ["a leading space", " abcdef"],
    ["a newline (header injection)", "abc\r\nX-Evil: 1"],
    ["a tab", "abc\tdef"],
    ["a NUL", "abc\u0000def"],
    ["DEL", "abc\u007fdef"],
    ["non-ASCII", "abcdéf"],
    ["only whitespace", "   "],
  ])("refuses a token with %s, without quoting it", (_, apiToken) => {
    expectOptionsError({ apiToken }, "apiToken must not contain whitespace, control or non-ASCII characters");
  });

  it.each([
    ["not a URL", "iam.neuroio.com", /baseUrl must be an absolute http\(s\) URL/],
    ["a relative path", "/v1", /baseUrl must be an absolute http\(s\) URL/],
    ["another scheme", "ftp://iam.neuroio.com", "baseUrl must use http: or https:, got ftp:"],
    ["a javascript: URL", "javascript:alert(1)", "baseUrl must use http: or https:"],
    ["credentials", "https://user:pw@iam.neuroio.com", "baseUrl must not contain credentials"],
    ["a query", "https://iam.neuroio.com/?x=1", "baseUrl must not contain a query or a fragment"],
    [
      "plain http to a remote host",
      "http://iam.neuroio.com",
      /plain http: to iam\.neuroio\.com.*allowInsecureHttp/,
    ],
    ["plain http to a LAN address", "http://192.168.1.10:4010", /plain http: to 192\.168\.1\.10/],
  ])("refuses a baseUrl with %s", (_, baseUrl, message) => {
    expectOptionsError({ apiToken: "t0ken", baseUrl }, message);
  });

  it("refuses a baseUrl that is not a string", () => {
    expectOptionsError({ apiToken: "t0ken", baseUrl: 1 as unknown as string }, /baseUrl must be an absolute/);
  });

  it("accepts plain http to loopback, and elsewhere only with allowInsecureHttp", () => {
    for (const baseUrl of ["http://localhost:4010", "http://127.0.0.1:4010", "http://[::1]:4010"]) {
      expect(createTokensClient({ apiToken: "t0ken", baseUrl }).baseUrl).toBe(baseUrl);
    }
    const client = createTokensClient({
      apiToken: "t0ken",
      baseUrl: "http://mock.lan",
      allowInsecureHttp: true,
    });
    expect(client.baseUrl).toBe("http://mock.lan");
  });

  it.each([
    [{ timeoutMs: 0 }, "timeoutMs must be a positive, finite number of milliseconds, got number 0"],
    [{ timeoutMs: -1 }, "timeoutMs must be a positive"],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, "timeoutMs must be a positive"],
    [{ timeoutMs: "100" }, 'timeoutMs must be a positive, finite number of milliseconds, got "100"'],
    [{ maxRetries: -1 }, "maxRetries must be an integer >= 0, got number -1"],
    [{ maxRetries: 1.5 }, "maxRetries must be an integer >= 0"],
    [{ allowInsecureHttp: "yes" }, "allowInsecureHttp must be true or false"],
    [{ fetch: "fetch" }, "fetch must be a function, got string"],
    [{ headers: "x" }, "headers must be an object"],
    [{ headers: { "bad name": "x" } }, "headers must map valid header names to valid header values"],
    [{ headers: { "X-A": "a\nb" } }, "headers must map valid header names to valid header values"],
  ])("checks %o", (options, message) => {
    expectOptionsError({ apiToken: "t0ken", ...(options as TokensClientOptions) }, message);
  });

  it("checks setApiToken's key like the option", () => {
    const { client } = setup([]);
    expect(() => client.setApiToken("")).toThrow("apiToken is missing");
    expect(() => client.setApiToken("a b")).toThrow("apiToken must not contain whitespace");
  });
});

describe("operation arguments", () => {
  /** Runs `call` on a client whose fetch must not be reached; expects a NeuroioError matching `message`. */
  async function expectArgumentError(
    call: (client: ReturnType<typeof setup>["client"]) => Promise<unknown>,
    message: string | RegExp,
  ): Promise<void> {
    const { client, requests } = setup([json(200, token(1))]);
    const error = await call(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NeuroioError);
    expect((error as Error).message).toMatch(message);
    expect(requests).toHaveLength(0);
  }

  it.each([
    [0, "idOrKey must be a positive safe integer id or a non-empty key, got 0"],
    [-3, "got -3"],
    [1.5, "got 1.5"],
    [Number.NaN, "got NaN"],
    [2 ** 53, "idOrKey must be a positive safe integer"],
    ["", "idOrKey must not be an empty string"],
    [".", 'idOrKey must not be "." or ".."'],
    ["..", 'idOrKey must not be "." or ".."'],
    [null, "idOrKey must be a positive integer id or a key string, got null"],
    [undefined, "got undefined"],
    [{}, "got object"],
    [true, "got boolean true"],
  ])("refuses idOrKey %o in get, update and delete", async (idOrKey, message) => {
    const bad = idOrKey as unknown as number;
    await expectArgumentError((c) => c.tokens.get(bad), message);
    await expectArgumentError((c) => c.tokens.update(bad, { is_active: true }), message);
    await expectArgumentError((c) => c.tokens.delete(bad), message);
  });

  it.each([
    [{ limit: 0 }, "params.limit must be an integer >= 1, got number 0"],
    [{ limit: 2.5 }, "params.limit must be an integer >= 1"],
    [{ limit: "10" }, 'params.limit must be an integer >= 1, got "10"'],
    [{ offset: -1 }, "params.offset must be an integer >= 0, got number -1"],
    [{ offset: 0.5 }, "params.offset must be an integer >= 0"],
    [{ permanent: "true" }, 'params.permanent must be true or false, got "true"'],
    [{ permanent: 1 }, "params.permanent must be true or false"],
  ])("refuses list(%o)", async (params, message) => {
    await expectArgumentError((c) => c.tokens.list(params as never), message);
  });

  it("refuses a non-object params", async () => {
    await expectArgumentError((c) => c.tokens.list([] as never), "params must be an object, got an array");
    await expectArgumentError((c) => c.tokens.create("x" as never), "params must be an object");
  });

  it("refuses create with a non-boolean permanent", async () => {
    await expectArgumentError(
      (c) => c.tokens.create({ permanent: "yes" as never }),
      "params.permanent must be true or false",
    );
  });

  it.each([
    [undefined, "params must be an object"],
    [{}, "params.is_active must be true or false, got undefined"],
    [{ is_active: "false" }, 'params.is_active must be true or false, got "false"'],
    [{ is_active: 0 }, "params.is_active must be true or false, got number 0"],
  ])("refuses update(1, %o)", async (params, message) => {
    await expectArgumentError((c) => c.tokens.update(1, params as never), message);
  });

  it.each([
    [undefined, /deleteList needs \{ permanent: true \| false \}, or \{ all: true \}/],
    [{}, "params.permanent must be true or false, got undefined"],
    [{ permanent: "false" }, "params.permanent must be true or false"],
    [{ all: false }, "params.all must be true when given"],
    [{ all: "yes" }, "params.all must be true when given"],
    [{ all: true, permanent: true }, "params.all and params.permanent exclude each other"],
    [null, "params must be an object, got null"],
  ])("refuses deleteList(%o)", async (params, message) => {
    await expectArgumentError((c) => (c.tokens.deleteList as (p: unknown) => Promise<void>)(params), message);
  });

  it("refuses deleteList() with no argument at all", async () => {
    await expectArgumentError((c) => (c.tokens.deleteList as () => Promise<void>)(), /deleteList needs/);
  });

  it.each([
    [{ timeoutMs: 0 }, "options.timeoutMs must be a positive"],
    [{ signal: "x" }, 'options.signal must be an AbortSignal, got "x"'],
    [{ signal: {} }, "options.signal must be an AbortSignal, got object"],
    ["fast", "options must be an object"],
  ])("refuses request options %o", async (options, message) => {
    await expectArgumentError((c) => c.tokens.get(1, options as never), message);
  });

  it("refuses bad rotate options", async () => {
    await expectArgumentError(
      (c) => c.tokens.rotate({ retire: "revoke" as never }),
      /options\.retire must be "none", "deactivate" or "delete", got "revoke"/,
    );
    await expectArgumentError(
      (c) => c.tokens.rotate({ permanent: "no" as never }),
      "options.permanent must be true or false",
    );
  });

  it("throws from listAll at once, before any request", () => {
    const { client, requests } = setup([]);
    expect(() => client.tokens.listAll({ pageSize: 0 })).toThrow("params.pageSize must be an integer >= 1");
    expect(() => client.tokens.listAll({ permanent: "x" as never })).toThrow(
      "params.permanent must be true or false",
    );
    expect(() => client.tokens.listAll({}, { timeoutMs: -5 })).toThrow(
      "options.timeoutMs must be a positive",
    );
    expect(requests).toHaveLength(0);
  });
});
