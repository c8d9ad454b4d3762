import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type MockServer,
  MockServerError,
  type MockServerOptions,
  startMockServer,
} from "../../src/index.js";
import { type CallOptions, type CallResult, call } from "../support/mock.js";
import { auth, closeAfterTest, fakeClock, tempDir } from "./helpers.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A token as the API answers it. */
interface StoredToken {
  id: number;
  key: string;
  is_active: boolean;
  created: string;
  expires: string | null;
}
async function startStateful(options: MockServerOptions = {}): Promise<MockServer> {
  return closeAfterTest(await startMockServer({ port: 0, quiet: true, stateful: true, ...options }));
}

/** A call authenticated with `key`, which must pass Prism's checks: no `sl-violations` on any answer. */
async function as(
  mock: MockServer,
  key: string | undefined,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const result = await call(mock, method, path, {
    ...options,
    headers: auth(key, options.headers),
  });
  expect(result.headers.get("sl-violations"), `${method} ${path}`).toBeNull();
  return result;
}

const ids = (result: CallResult) => (result.json as StoredToken[]).map((token) => token.id);

describe("stateful mode through Prism", () => {
  it("remembers a created token: listed newest first, found by id and by key, usable as a key", async () => {
    const mock = await startStateful();
    expect(mock.token).toMatch(/^[0-9a-f]{40}$/);
    const created = await as(mock, mock.token, "POST", "/v1/tokens/", { body: { permanent: false } });
    expect(created.status).toBe(201);
    const token = created.json as StoredToken;
    expect(token).toMatchObject({ id: 2, is_active: true, key: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(Date.parse(token.expires as string) - Date.parse(token.created)).toBe(DAY_MS);
    expect(ids(await as(mock, mock.token, "GET", "/v1/tokens/"))).toEqual([2, 1]);
    expect((await as(mock, mock.token, "GET", `/v1/tokens/${token.key}/`)).json).toEqual(token);
    expect((await as(mock, token.key, "GET", "/v1/tokens/1/")).status).toBe(200);
    expect((await as(mock, mock.token, "GET", "/v1/tokens/?permanent=true")).json).toEqual([
      expect.objectContaining({ id: 1, expires: null }),
    ]);
  });

  it("deactivating a key makes it answer 401; activating it again restores it", async () => {
    const mock = await startStateful({ seedTokens: 2 });
    const other = (
      (await as(mock, mock.token, "GET", "/v1/tokens/")).json as StoredToken[]
    )[0] as StoredToken;
    const off = await as(mock, mock.token, "PATCH", `/v1/tokens/${other.id}/`, {
      body: { is_active: false },
    });
    expect(off.json).toEqual({ ...other, is_active: false });
    const refused = await as(mock, other.key, "GET", "/v1/tokens/");
    expect(refused.status).toBe(401);
    expect(refused.json).toEqual({ detail: "Invalid token." });
    // The Python SDK's form-encoded PATCH goes through Prism's checks to the backend too.
    const on = await as(mock, mock.token, "PATCH", `/v1/tokens/${other.key}/`, {
      body: "is_active=true",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(on.json).toMatchObject({ is_active: true });
    expect((await as(mock, other.key, "GET", "/v1/tokens/")).status).toBe(200);
  });

  it("refuses a sixth permanent token with 400 and a detail", async () => {
    const mock = await startStateful();
    for (let created = 1; created < 5; created += 1) {
      expect((await as(mock, mock.token, "POST", "/v1/tokens/", { body: { permanent: true } })).status).toBe(
        201,
      );
    }
    const sixth = await as(mock, mock.token, "POST", "/v1/tokens/", { body: { permanent: true } });
    expect(sixth.status).toBe(400);
    expect(sixth.json).toEqual({ detail: "You can't have more than 5 permanent tokens." });
    expect(ids(await as(mock, mock.token, "GET", "/v1/tokens/?permanent=true"))).toEqual([5, 4, 3, 2, 1]);
  });

  it("deletes many by scope: temporary only, permanent only, then everything and the caller gets 401", async () => {
    const mock = await startStateful({ seedTokens: 4 });
    await as(mock, mock.token, "POST", "/v1/tokens/", { body: { permanent: true } });
    const temporaryOnly = await as(mock, mock.token, "DELETE", "/v1/tokens/?permanent=false");
    expect(temporaryOnly.status).toBe(204);
    expect(temporaryOnly.text).toBe("");
    expect(ids(await as(mock, mock.token, "GET", "/v1/tokens/"))).toEqual([5, 1]);
    const created = (await as(mock, mock.token, "POST", "/v1/tokens/")).json as StoredToken;
    expect((await as(mock, mock.token, "DELETE", "/v1/tokens/?permanent=true")).status).toBe(204);
    expect((await as(mock, mock.token, "GET", "/v1/tokens/")).status).toBe(401);
    expect(ids(await as(mock, created.key, "GET", "/v1/tokens/"))).toEqual([6]);
    expect((await as(mock, created.key, "DELETE", "/v1/tokens/")).status).toBe(204);
    const after = await as(mock, created.key, "GET", "/v1/tokens/");
    expect(after.status).toBe(401);
    expect(after.json).toEqual({ detail: "Invalid token." });
  });

  it("expires a temporary token after 24 hours: no longer listed, and its key gets 401", async () => {
    const clock = fakeClock("2026-11-27T10:00:00.000Z");
    const mock = await startStateful({ now: clock.now });
    const temporary = (await as(mock, mock.token, "POST", "/v1/tokens/")).json as StoredToken;
    expect(temporary.expires).toBe("2026-11-28T10:00:00.000Z");
    clock.advance(DAY_MS - 1);
    expect((await as(mock, temporary.key, "GET", "/v1/tokens/")).status).toBe(200);
    clock.advance(1);
    expect((await as(mock, temporary.key, "GET", "/v1/tokens/")).status).toBe(401);
    expect(ids(await as(mock, mock.token, "GET", "/v1/tokens/"))).toEqual([1]);
    expect((await as(mock, mock.token, "GET", `/v1/tokens/${temporary.id}/`)).status).toBe(404);
  });

  it("keeps the tokens across a restart with statePath", async () => {
    const statePath = join(tempDir(), "tokens.json");
    const first = await startStateful({ statePath, seedTokens: 3 });
    const created = (await as(first, first.token, "POST", "/v1/tokens/")).json as StoredToken;
    const before = (await as(first, first.token, "GET", "/v1/tokens/")).json;
    await first.close();
    const second = await startStateful({ statePath, seedTokens: 3 });
    expect(second.token).toBe(first.token);
    expect((await as(second, created.key, "GET", "/v1/tokens/")).json).toEqual(before);
    expect(((await as(second, created.key, "POST", "/v1/tokens/")).json as StoredToken).id).toBe(5);
  });

  it("refuses a corrupt state file with a message naming it, leaves it untouched and the port free", async () => {
    const statePath = join(tempDir(), "tokens.json");
    writeFileSync(statePath, "{ not json");
    const started = startMockServer({ port: 0, quiet: true, stateful: true, statePath });
    await expect(started).rejects.toMatchObject({
      constructor: MockServerError,
      code: "STATE_FILE_UNUSABLE",
    });
    await expect(started).rejects.toThrow(`Cannot use the state file ${statePath}: it is not valid JSON`);
    expect(readFileSync(statePath, "utf8")).toBe("{ not json");
  });

  it("answers a backend response that breaks the spec with a 500 listing the violations", async () => {
    // A clock past year 9999 makes the backend write `+010000-...` dates, which are not RFC 3339 date-times.
    const mock = await startStateful({ now: () => Date.UTC(10_000, 0, 1) });
    const result = await call(mock, "POST", "/v1/tokens/", {
      headers: { authorization: `Token ${mock.token}` },
    });
    expect(result.status).toBe(500);
    expect(result.headers.get("content-type")).toBe("application/problem+json");
    expect(result.json).toMatchObject({
      type: "https://stoplight.io/prism/errors#VIOLATIONS",
      validation: expect.arrayContaining([
        expect.objectContaining({ location: ["response", "body", "created"], code: "format" }),
        expect.objectContaining({ location: ["response", "body", "expires"], code: "format" }),
      ]),
    });
    expect(JSON.parse(result.headers.get("sl-violations") ?? "[]")).toHaveLength(2);
  });

  it("answers a request that breaks the spec like the real API, naming every wrong field, and changes nothing", async () => {
    const mock = await startStateful();
    const cases: Array<[string, string, CallOptions, number, unknown]> = [
      [
        "GET",
        "/v1/tokens/?limit=0",
        {},
        400,
        { limit: ["Ensure this value is greater than or equal to 1."] },
      ],
      [
        "POST",
        "/v1/tokens/",
        { body: { permanent: "yes" } },
        400,
        { permanent: ["Must be a valid boolean."] },
      ],
      [
        "POST",
        "/v1/tokens/",
        { body: { permanent: true, extra: 1 } },
        400,
        { extra: ["Unexpected field: the spec does not declare it."] },
      ],
      ["PATCH", "/v1/tokens/1/", { body: {} }, 400, { is_active: ["This field is required."] }],
      [
        "PUT",
        "/v1/tokens/1/",
        { body: "is_active=true", headers: { "content-type": "application/x-www-form-urlencoded" } },
        415,
        { detail: 'Unsupported media type "application/x-www-form-urlencoded" in request.' },
      ],
    ];
    for (const [method, path, options, status, body] of cases) {
      const result = await call(mock, method, path, {
        ...options,
        headers: auth(mock.token, options.headers),
      });
      expect([result.status, result.json], `${method} ${path}`).toEqual([status, body]);
    }
    expect(await as(mock, mock.token, "GET", "/v1/tokens/")).toMatchObject({
      json: [expect.objectContaining({ id: 1, is_active: true })],
    });
  });

  it("keeps the wrapper's fixes: malformed JSON 400, a non-Token Authorization 401, CORS", async () => {
    const mock = await startStateful();
    const malformed = await call(mock, "POST", "/v1/tokens/", {
      body: "{",
      headers: { authorization: `Token ${mock.token}`, "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect((malformed.json as { detail: string }).detail).toMatch(/^JSON parse error/);
    const bearer = await call(mock, "GET", "/v1/tokens/", {
      headers: { authorization: `Bearer ${mock.token}` },
    });
    expect(bearer.status).toBe(401);
    expect(bearer.headers.get("www-authenticate")).toBe("Token");
    const fromPage = await call(mock, "GET", "/v1/tokens/", {
      headers: { authorization: `Token ${mock.token}`, origin: "http://localhost:5173" },
    });
    expect(fromPage.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(fromPage.headers.get("access-control-expose-headers")).toContain("sl-violations");
  });

  it("accepts a fixed token key, so a frontend can hard-code it", async () => {
    const mock = await startStateful({ token: "frontend-dev-key", seedTokens: 2 });
    expect(mock.token).toBe("frontend-dev-key");
    const listed = (await as(mock, "frontend-dev-key", "GET", "/v1/tokens/")).json as StoredToken[];
    expect(listed.map((token) => [token.id, token.expires === null])).toEqual([
      [3, false],
      [2, true],
      [1, true],
    ]);
    expect(listed[2]?.key).toBe("frontend-dev-key");
  });

  it("refuses stateful options that make no sense, before starting anything", async () => {
    const refused: MockServerOptions[] = [
      { stateful: true, dynamic: true },
      { stateful: true, proxy: "https://iam.neuroio.com" },
      { seedTokens: 2 },
      { statePath: "state.json" },
      { stateful: true, seedTokens: -1 },
      { stateful: true, token: "has space" },
    ];
    for (const options of refused) {
      await expect(startMockServer(options), JSON.stringify(options)).rejects.toMatchObject({
        constructor: MockServerError,
        code: "INVALID_OPTION",
      });
    }
    await expect(startMockServer({ token: "x" })).rejects.toThrow(
      "--token): it needs stateful: true (--stateful)",
    );
  });
});
