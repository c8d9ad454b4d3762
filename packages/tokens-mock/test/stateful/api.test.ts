import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type ApiRequest, openStatefulApi, type StatefulApiOptions } from "../../src/stateful/api.js";
import { StateFileError } from "../../src/stateful/state-file.js";
import { type StoredToken, TEMPORARY_TOKEN_LIFETIME_MS } from "../../src/stateful/store.js";
import { auth, closeAfterTest, fakeClock, tempDir } from "./helpers.js";

interface Call {
  query?: ApiRequest["query"];
  headers?: ApiRequest["headers"];
  body?: unknown;
  /** The key to authenticate with; the caller key by default. */
  key?: string;
}

async function open(options: StatefulApiOptions = {}) {
  const api = closeAfterTest(await openStatefulApi({ warn: () => {}, ...options }));
  const key = api.callerKey as string;
  const call = (method: string, path: string, init: Call = {}) =>
    api.handle({
      method,
      path,
      query: init.query ?? {},
      headers: { ...auth(init.key ?? key), ...init.headers },
      body: init.body,
    });
  const json = (body: unknown): Call => ({ body, headers: { "content-type": "application/json" } });
  const ids = (query: ApiRequest["query"] = {}) =>
    (call("GET", "/v1/tokens/", { query }).body as StoredToken[]).map((token) => token.id);
  return { api, key, call, json, ids };
}

describe("openStatefulApi: handle()", () => {
  it("creates, lists, gets, updates and deletes", async () => {
    const { key, call, json } = await open();
    const created = call("POST", "/v1/tokens/", json({ permanent: false }));
    expect(created.status).toBe(201);
    expect(created.headers?.["content-type"]).toBe("application/json");
    const token = created.body as StoredToken;
    expect(token).toMatchObject({ id: 2, is_active: true, key: expect.stringMatching(/^[0-9a-f]{40}$/) });
    const listed = call("GET", "/v1/tokens/").body as StoredToken[];
    expect(listed.map((item) => item.id)).toEqual([2, 1]);
    expect(listed[1]?.key).toBe(key);
    expect(call("GET", `/v1/tokens/${token.key}/`).body).toEqual(token);
    const patched = call("PATCH", `/v1/tokens/${token.id}/`, json({ is_active: false }));
    expect(patched).toMatchObject({ status: 200, body: { ...token, is_active: false } });
    const deleted = call("DELETE", `/v1/tokens/${token.id}/`);
    expect(deleted).toEqual({ status: 204 });
    expect(call("GET", `/v1/tokens/${token.id}/`).status).toBe(404);
  });

  it("creates a temporary token without a body", async () => {
    const { call } = await open();
    const response = call("POST", "/v1/tokens/");
    expect(response.status).toBe(201);
    expect((response.body as StoredToken).expires).not.toBeNull();
  });

  it("accepts form fields (the Python SDK's PATCH), repeated ones by their last value, and PUT JSON", async () => {
    const { api, call, json } = await open({ seedTokens: 2 });
    const other = api.seeded[1]?.id;
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const patched = call("PATCH", `/v1/tokens/${other}/`, { body: { is_active: "False" }, headers: form });
    expect(patched.body).toMatchObject({ id: other, is_active: false });
    const repeated = call("PATCH", `/v1/tokens/${other}/`, {
      body: { is_active: ["false", "true"] },
      headers: form,
    });
    expect(repeated.body).toMatchObject({ id: other, is_active: true });
    const put = call("PUT", `/v1/tokens/${other}/`, json({ is_active: false }));
    expect(put.body).toMatchObject({ id: other, is_active: false });
    // In JSON an array is not a boolean.
    const array = call("PUT", `/v1/tokens/${other}/`, json({ is_active: [true] }));
    expect(array).toMatchObject({ status: 400, body: { is_active: ["Must be a valid boolean."] } });
  });

  it("answers 401 without credentials, with another scheme, and for unknown or deactivated keys", async () => {
    const { api, key, call, json } = await open({ seedTokens: 2 });
    const bare = api.handle({ method: "GET", path: "/v1/tokens/", query: {}, headers: {}, body: undefined });
    expect(bare).toEqual({
      status: 401,
      headers: { "content-type": "application/json", "www-authenticate": "Token" },
      body: { detail: "Authentication credentials were not provided." },
    });
    const bearer = call("GET", "/v1/tokens/", { headers: { authorization: `Bearer ${key}` } });
    expect(bearer.status).toBe(401);
    expect((bearer.body as { detail: string }).detail).toMatch(
      /^Invalid token header\. Send "Authorization: Token <key>"/,
    );
    expect(call("GET", "/v1/tokens/", { key: "nope" }).body).toEqual({ detail: "Invalid token." });
    const spaced = call("GET", "/v1/tokens/", { headers: { authorization: "Token a b" } });
    expect((spaced.body as { detail: string }).detail).toMatch(/should not contain spaces/);
    const twice = call("GET", "/v1/tokens/", {
      headers: { authorization: [`Token ${key}`, `Token ${key}`] },
    });
    expect(twice.status).toBe(401);
    const other = api.seeded[1]?.key as string;
    call("PATCH", `/v1/tokens/${other}/`, json({ is_active: false }));
    const refused = call("GET", "/v1/tokens/", { key: other });
    expect(refused).toMatchObject({ status: 401, body: { detail: "Invalid token." } });
    expect(JSON.stringify(refused)).not.toContain(other);
  });

  it("finds Authorization whatever the case of the header name", async () => {
    const { api, key } = await open();
    const response = api.handle({
      method: "get",
      path: "/v1/tokens/",
      query: {},
      headers: { Authorization: `Token ${key}` },
      body: undefined,
    });
    expect(response.status).toBe(200);
  });

  it("validates list and delete-many parameters DRF-style, every bad field at once", async () => {
    const { call } = await open();
    const bad = call("GET", "/v1/tokens/", { query: { permanent: "maybe", limit: "0", offset: "x" } });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      permanent: ["Must be a valid boolean."],
      limit: ["Ensure this value is greater than or equal to 1."],
      offset: ["A valid integer is required."],
    });
    expect(call("GET", "/v1/tokens/", { query: { offset: "-1" } }).body).toEqual({
      offset: ["Ensure this value is greater than or equal to 0."],
    });
    expect(call("GET", "/v1/tokens/", { query: { limit: "9".repeat(400) } }).body).toEqual({
      limit: ["A valid integer is required."],
    });
    const many = call("DELETE", "/v1/tokens/", { query: { permanent: "2" } });
    expect(many).toMatchObject({ status: 400, body: { permanent: ["Must be a valid boolean."] } });
  });

  it("pages with limit and offset, newest first, 20 by default; a repeated parameter counts by its last value", async () => {
    const { ids } = await open({ seedTokens: 25 });
    expect(ids()).toHaveLength(20);
    expect(ids()[0]).toBe(25);
    expect(ids({ limit: "3", offset: "2" })).toEqual([23, 22, 21]);
    expect(ids({ permanent: "true" })).toEqual([1]);
    expect(ids({ permanent: "false", limit: "2" })).toEqual([25, 24]);
    expect(ids({ limit: ["1", "2"] })).toEqual([25, 24]);
  });

  it("validates bodies: bad fields, non-objects, other media types (415)", async () => {
    const { call, json } = await open();
    const cases: Array<[string, string, Call, number, unknown]> = [
      ["POST", "/v1/tokens/", json({ permanent: "sure" }), 400, { permanent: ["Must be a valid boolean."] }],
      ["PATCH", "/v1/tokens/1/", json({}), 400, { is_active: ["This field is required."] }],
      ["PUT", "/v1/tokens/1/", json({ is_active: null }), 400, { is_active: ["Must be a valid boolean."] }],
      [
        "PATCH",
        "/v1/tokens/1/",
        json([1]),
        400,
        { detail: "Invalid data. Expected a dictionary, but got list." },
      ],
      [
        "POST",
        "/v1/tokens/",
        json("x"),
        400,
        { detail: "Invalid data. Expected a dictionary, but got str." },
      ],
      [
        "POST",
        "/v1/tokens/",
        json(null),
        400,
        { detail: "Invalid data. Expected a dictionary, but got NoneType." },
      ],
      [
        "POST",
        "/v1/tokens/",
        { body: "permanent", headers: { "content-type": "text/plain; charset=utf-8" } },
        415,
        { detail: 'Unsupported media type "text/plain" in request.' },
      ],
    ];
    for (const [method, path, init, status, expected] of cases) {
      const response = call(method, path, init);
      expect(response.status, JSON.stringify(init)).toBe(status);
      expect(response.body).toEqual(expected);
    }
  });

  it("refuses a sixth permanent token with 400 and a detail", async () => {
    const { call, json } = await open();
    for (let index = 0; index < 4; index += 1) {
      expect(call("POST", "/v1/tokens/", json({ permanent: true })).status).toBe(201);
    }
    const sixth = call("POST", "/v1/tokens/", json({ permanent: true }));
    expect(sixth).toMatchObject({
      status: 400,
      body: { detail: "You can't have more than 5 permanent tokens." },
    });
  });

  it("counts deactivated permanent tokens too, so re-activating one never makes six (defect 8)", async () => {
    const { call, json } = await open();
    const made = [1];
    for (let index = 0; index < 4; index += 1) {
      made.push((call("POST", "/v1/tokens/", json({ permanent: true })).body as StoredToken).id);
    }
    expect(call("PATCH", `/v1/tokens/${made[4]}/`, json({ is_active: false })).status).toBe(200);
    // The reported bug: with one of five deactivated, a sixth was created, then the fifth re-activated.
    expect(call("POST", "/v1/tokens/", json({ permanent: true })).status).toBe(400);
    expect(call("PATCH", `/v1/tokens/${made[4]}/`, json({ is_active: true })).status).toBe(200);
    const active = (
      call("GET", "/v1/tokens/", { query: { permanent: "true" } }).body as StoredToken[]
    ).filter((token) => token.is_active);
    expect(active).toHaveLength(5);
  });

  it("deletes many by scope, and everything including the caller's own without a scope", async () => {
    const { call, ids } = await open({ seedTokens: 3 });
    expect(call("DELETE", "/v1/tokens/", { query: { permanent: "false" } }).status).toBe(204);
    expect(ids()).toEqual([1]);
    expect(call("DELETE", "/v1/tokens/")).toEqual({ status: 204 });
    expect(call("GET", "/v1/tokens/").status).toBe(401);
  });

  it("answers 404 for unknown ids, keys, paths and malformed escapes; 405 with Allow for other methods", async () => {
    const { call } = await open();
    for (const path of [
      "/v1/tokens/99/",
      "/v1/tokens/unknown/",
      "/v1/tokens/%E0%A4%A/",
      "/v1/tokens/%ff/",
      "/v1/tokens/%/",
      "/v1/tokens//",
      "/v1/tokens/a/b/",
      "/v1/tokens",
      "/v2/",
      "",
    ]) {
      const response = call("GET", path);
      expect(response.status, path).toBe(404);
      expect(response.body).toEqual({ detail: "Not found." });
    }
    expect(call("PATCH", "/v1/tokens/99/", { body: "{" }).status).toBe(404);
    const wrong = call("PUT", "/v1/tokens/");
    expect(wrong).toMatchObject({ status: 405, body: { detail: 'Method "PUT" not allowed.' } });
    expect(wrong.headers?.allow).toBe("GET, POST, DELETE, OPTIONS");
    expect(call("POST", "/v1/tokens/1/").headers?.allow).toBe("GET, PATCH, PUT, DELETE, OPTIONS");
  });

  it("finds a token by a percent-encoded key", async () => {
    const { call } = await open({ token: "dev~key.1" });
    expect(call("GET", "/v1/tokens/dev%7Ekey.1/").body).toMatchObject({ key: "dev~key.1" });
  });

  it("expires temporary tokens on the injected clock", async () => {
    const clock = fakeClock("2026-11-27T10:00:00.000Z");
    const { call } = await open({ now: clock.now });
    const temporary = call("POST", "/v1/tokens/").body as StoredToken;
    expect(temporary.expires).toBe("2026-11-28T10:00:00.000Z");
    expect(call("GET", "/v1/tokens/", { key: temporary.key }).status).toBe(200);
    clock.advance(TEMPORARY_TOKEN_LIFETIME_MS);
    expect(call("GET", "/v1/tokens/", { key: temporary.key }).status).toBe(401);
    expect(call("GET", "/v1/tokens/").body).toHaveLength(1);
    expect(call("GET", `/v1/tokens/${temporary.id}/`).status).toBe(404);
  });

  it("hands out fresh objects: changing an answer changes nothing inside", async () => {
    const { call } = await open();
    const token = call("GET", "/v1/tokens/1/").body as StoredToken;
    token.is_active = false;
    expect(call("GET", "/v1/tokens/1/").body).toMatchObject({ is_active: true });
  });
});

describe("openStatefulApi: the state file", () => {
  it("keeps the tokens across a restart, saved after every change", async () => {
    const statePath = join(tempDir(), "state.json");
    const first = await open({ statePath, seedTokens: 2 });
    first.call("POST", "/v1/tokens/", first.json({ permanent: true }));
    first.call("PATCH", `/v1/tokens/${first.api.seeded[1]?.id}/`, first.json({ is_active: false }));
    const saved = JSON.parse(readFileSync(statePath, "utf8"));
    expect(saved.tokens).toHaveLength(3);
    const before = first.call("GET", "/v1/tokens/").body;
    await first.api.close();
    const second = await open({ statePath, seedTokens: 2 });
    expect(second.api.seeded).toEqual([]);
    expect(second.key).toBe(first.key);
    expect(second.call("GET", "/v1/tokens/").body).toEqual(before);
    expect((second.call("POST", "/v1/tokens/").body as StoredToken).id).toBe(4);
  });

  it("saves every seeded token at start (seeding saves once, at its end)", async () => {
    const statePath = join(tempDir(), "state.json");
    const { api } = await open({ statePath, seedTokens: 1000 });
    const saved = JSON.parse(readFileSync(statePath, "utf8"));
    expect(saved.tokens).toHaveLength(1000);
    expect(saved.nextId).toBe(1001);
    expect(api.seeded).toHaveLength(1000);
  });

  it("drops tokens that expired while it was stopped, and seeds again when none is left", async () => {
    const statePath = join(tempDir(), "state.json");
    const clock = fakeClock("2026-11-27T10:00:00.000Z");
    const seeded = await open({ statePath, now: clock.now, seedTokens: 1 });
    const temporary = seeded.call("POST", "/v1/tokens/").body as StoredToken;
    // Only the temporary token (id 2) is left.
    expect(seeded.call("DELETE", `/v1/tokens/${seeded.key}/`, { key: temporary.key }).status).toBe(204);
    await seeded.api.close();
    clock.advance(TEMPORARY_TOKEN_LIFETIME_MS);
    const later = await open({ statePath, now: clock.now, seedTokens: 1 });
    expect(later.api.seeded).toHaveLength(1);
    expect(later.key).not.toBe(temporary.key);
    expect(later.call("GET", "/v1/tokens/", { key: temporary.key }).status).toBe(401);
    expect(later.ids()).toEqual([3]);
    expect(JSON.parse(readFileSync(statePath, "utf8")).tokens).toHaveLength(1);
  });

  it("refuses a corrupt state file, leaves it untouched and releases the lock", async () => {
    const statePath = join(tempDir(), "state.json");
    writeFileSync(statePath, '{"tokens": [');
    await expect(openStatefulApi({ statePath })).rejects.toThrow(StateFileError);
    await expect(openStatefulApi({ statePath })).rejects.toThrow(`Cannot use the state file ${statePath}`);
    expect(readFileSync(statePath, "utf8")).toBe('{"tokens": [');
    expect(() => readFileSync(`${statePath}.lock`)).toThrow(/ENOENT/);
  });

  it("warns and keeps serving when the state file cannot be saved", async () => {
    const warnings: string[] = [];
    const dir = tempDir();
    const statePath = join(dir, "state.json");
    const { api, call } = await open({ statePath, warn: (message) => warnings.push(message) });
    expect(warnings).toEqual([]);
    // A directory where the file should go makes every save fail.
    rmSync(statePath);
    mkdirSync(statePath);
    expect(call("POST", "/v1/tokens/").status).toBe(201);
    expect(warnings).toEqual([expect.stringContaining(`Could not save the state file ${statePath}`)]);
    expect(call("GET", "/v1/tokens/").body).toHaveLength(2);
    await api.close();
  });

  it("checks the seed options before touching the state file, and releases the lock when seeding fails", async () => {
    const dir = tempDir();
    const statePath = join(dir, "state.json");
    await expect(openStatefulApi({ statePath, seedTokens: -1 })).rejects.toThrow(TypeError);
    await expect(openStatefulApi({ statePath, token: "a b" })).rejects.toThrow(/token must be 1 to 256/);
    expect(existsSync(`${statePath}.lock`)).toBe(false);
    const full = await open({ statePath, seedTokens: 1 });
    for (let index = 0; index < 4; index += 1)
      full.call("POST", "/v1/tokens/", full.json({ permanent: true }));
    await full.api.close();
    await expect(openStatefulApi({ statePath, token: "frontend-dev-key" })).rejects.toThrow(
      /Cannot add the fixed token: You can't have more than 5 permanent tokens/,
    );
    expect(existsSync(`${statePath}.lock`)).toBe(false);
  });

  it("warns about a state file holding more permanent tokens than allowed", async () => {
    const statePath = join(tempDir(), "state.json");
    const tokens = Array.from({ length: 6 }, (_, index) => ({
      id: index + 1,
      key: `key-${index + 1}`,
      is_active: index < 5,
      created: "2026-11-27T10:00:00.000Z",
      expires: null,
    }));
    writeFileSync(statePath, JSON.stringify({ format: "neuroio-tokens-mock/state@1", nextId: 7, tokens }));
    const warnings: string[] = [];
    const { call, json } = await open({ statePath, warn: (message) => warnings.push(message) });
    expect(warnings).toEqual([expect.stringContaining("holds 6 permanent tokens, more than the 5 allowed")]);
    expect(call("PATCH", "/v1/tokens/6/", json({ is_active: true }))).toMatchObject({
      status: 400,
      body: { detail: "You can't have more than 5 permanent tokens." },
    });
  });
});
