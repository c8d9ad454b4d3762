/**
 * The in-memory API through HTTP (the front and real Prism before it): what it decides itself (known keys,
 * unknown ids, the permanent limit, DRF's reading of the query) and what the front and Prism decide for it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MockServerError } from "../../src/index.js";
import type { StoredToken } from "../../src/stateful/store.js";
import { call } from "../support/mock.js";
import { fakeClock, type SendOptions, send, startStateful, tempDir } from "./helpers.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const FORM = { "content-type": "application/x-www-form-urlencoded" };

async function ids(mock: Awaited<ReturnType<typeof startStateful>>, query = "") {
  const listed = await send(mock, "GET", `/v1/tokens/${query}`);
  expect(listed.status, query).toBe(200);
  return (listed.json as StoredToken[]).map((token) => token.id);
}

describe("the stateful API over HTTP", () => {
  it("creates, lists, gets, updates and deletes", async () => {
    const mock = await startStateful();
    const created = await send(mock, "POST", "/v1/tokens/", { body: { permanent: false } });
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toMatch(/^application\/json/);
    const token = created.json as StoredToken;
    expect(token).toMatchObject({ id: 2, is_active: true, key: expect.stringMatching(/^[0-9a-f]{40}$/) });
    const listed = (await send(mock, "GET", "/v1/tokens/")).json as StoredToken[];
    expect(listed.map((item) => item.id)).toEqual([2, 1]);
    expect(listed[1]?.key).toBe(mock.token);
    expect((await send(mock, "GET", `/v1/tokens/${token.key}/`)).json).toEqual(token);
    const patched = await send(mock, "PATCH", `/v1/tokens/${token.id}/`, { body: { is_active: false } });
    expect(patched).toMatchObject({ status: 200, json: { ...token, is_active: false } });
    const deleted = await send(mock, "DELETE", `/v1/tokens/${token.id}/`);
    expect([deleted.status, deleted.text]).toEqual([204, ""]);
    expect((await send(mock, "GET", `/v1/tokens/${token.id}/`)).status).toBe(404);
  });

  it("creates a temporary token without a body", async () => {
    const mock = await startStateful();
    const response = await send(mock, "POST", "/v1/tokens/");
    expect(response.status).toBe(201);
    expect((response.json as StoredToken).expires).not.toBeNull();
  });

  it("accepts form fields (the Python SDK's PATCH), repeated ones by their last value, and PUT JSON", async () => {
    const mock = await startStateful({ seedTokens: 2 });
    const patched = await send(mock, "PATCH", "/v1/tokens/2/", { body: "is_active=false", headers: FORM });
    expect(patched.json).toMatchObject({ id: 2, is_active: false });
    // Prism checks the last of a repeated field, and the API reads the last, as Django does.
    for (const [body, isActive] of [
      ["is_active=false&is_active=true", true],
      ["is_active=maybe&is_active=false", false],
    ] as const) {
      const repeated = await send(mock, "PATCH", "/v1/tokens/2/", { body, headers: FORM });
      expect(repeated.json, body).toMatchObject({ id: 2, is_active: isActive });
    }
    const put = await send(mock, "PUT", "/v1/tokens/2/", { body: { is_active: true } });
    expect(put.json).toMatchObject({ id: 2, is_active: true });
    // In JSON an array is not a boolean.
    const array = await send(mock, "PUT", "/v1/tokens/2/", { body: { is_active: [true] } });
    expect(array).toMatchObject({ status: 400, json: { is_active: ["Must be a valid boolean."] } });
  });

  it("answers 401 without credentials, with another scheme, and for unknown or deactivated keys", async () => {
    const mock = await startStateful({ seedTokens: 2 });
    const bare = await send(mock, "GET", "/v1/tokens/", { headers: { authorization: "" } });
    expect([bare.status, bare.headers.get("www-authenticate"), bare.json]).toEqual([
      401,
      "Token",
      { detail: "Authentication credentials were not provided." },
    ]);
    const bearer = await send(mock, "GET", "/v1/tokens/", {
      headers: { authorization: `Bearer ${mock.token}` },
    });
    expect(bearer.status).toBe(401);
    expect((bearer.json as { detail: string }).detail).toMatch(
      /^Invalid token header\. Send "Authorization: Token <key>"/,
    );
    expect((await send(mock, "GET", "/v1/tokens/", { key: "nope" })).json).toEqual({
      detail: "Invalid token.",
    });
    const spaced = await send(mock, "GET", "/v1/tokens/", { headers: { authorization: "Token a b" } });
    expect((spaced.json as { detail: string }).detail).toMatch(/should not contain spaces/);
    // Two Authorization headers arrive folded into one, which has spaces in its key.
    const twice = await send(mock, "GET", "/v1/tokens/", {
      headers: { authorization: `Token ${mock.token}, Token ${mock.token}` },
    });
    expect(twice.status).toBe(401);
    const other = ((await send(mock, "GET", "/v1/tokens/2/")).json as StoredToken).key;
    await send(mock, "PATCH", `/v1/tokens/${other}/`, { body: { is_active: false } });
    const refused = await send(mock, "GET", "/v1/tokens/", { key: other });
    expect(refused).toMatchObject({ status: 401, json: { detail: "Invalid token." } });
    expect(refused.text).not.toContain(other);
    // An unknown key is refused before a request mistake is answered, as the real API does.
    const mistake = await send(mock, "GET", "/v1/tokens/?limit=0", { key: "nope" });
    expect([mistake.status, mistake.json]).toEqual([401, { detail: "Invalid token." }]);
  });

  it("accepts the scheme in any case and the header name in any case", async () => {
    const mock = await startStateful();
    const headers = { AUTHORIZATION: `  tOkEn   ${mock.token} ` };
    expect((await call(mock, "GET", "/v1/tokens/", { auth: false, headers })).status).toBe(200);
  });

  it("validates list and delete-many parameters DRF-style, every bad field at once", async () => {
    const mock = await startStateful();
    const cases: Array<[string, string, unknown]> = [
      [
        "GET",
        "?permanent=maybe&limit=0&offset=x",
        {
          permanent: ["Must be a valid boolean."],
          limit: ["Ensure this value is greater than or equal to 1."],
          offset: ["A valid integer is required."],
        },
      ],
      ["GET", "?offset=-1", { offset: ["Ensure this value is greater than or equal to 0."] }],
      ["GET", `?limit=${"9".repeat(400)}`, { limit: ["A valid integer is required."] }],
      ["DELETE", "?permanent=2", { permanent: ["Must be a valid boolean."] }],
      // What Prism's coercion lets through, and the API still refuses as DRF does:
      ["GET", "?limit=1e1", { limit: ["A valid integer is required."] }],
      [
        "GET",
        "?limit=0x10&offset=1.0",
        { limit: ["A valid integer is required."], offset: ["A valid integer is required."] },
      ],
      ["GET", "?limit=&permanent=", { limit: ["A valid integer is required."] }],
      ["DELETE", "?permanent=", { permanent: ["Must be a valid boolean."] }],
      ["GET", "?limit=99999999999999999999", { limit: ["A valid integer is required."] }],
      ["DELETE", "?permanent", { permanent: ["Must be a valid boolean."] }],
      // A repeated parameter is no integer to Prism.
      ["GET", "?limit=1&limit=2", { limit: ["A valid integer is required."] }],
    ];
    for (const [method, query, body] of cases) {
      const result = await send(mock, method, `/v1/tokens/${query}`);
      expect([result.status, result.json], `${method} ${query}`).toEqual([400, body]);
    }
    expect(await ids(mock)).toEqual([1]);
    // Parameters an operation does not declare are no concern of it.
    expect((await send(mock, "POST", "/v1/tokens/?limit=x&permanent=maybe")).status).toBe(201);
    expect((await send(mock, "DELETE", "/v1/tokens/?permanent=false&limit=x")).status).toBe(204);
    expect(await ids(mock)).toEqual([1]);
  });

  it("pages with limit and offset, newest first, 20 by default, reading integers as DRF does", async () => {
    const mock = await startStateful({ seedTokens: 25 });
    expect(await ids(mock)).toHaveLength(20);
    expect((await ids(mock))[0]).toBe(25);
    expect(await ids(mock, "?limit=3&offset=2")).toEqual([23, 22, 21]);
    expect(await ids(mock, "?limit=%203&offset=%2B2")).toEqual([23, 22, 21]);
    expect(await ids(mock, "?limit=03&offset=-0")).toEqual([25, 24, 23]);
    expect(await ids(mock, "?permanent=true")).toEqual([1]);
    expect(await ids(mock, "?permanent=false&limit=2")).toEqual([25, 24]);
  });

  it("validates bodies: bad fields, non-objects, other media types (415)", async () => {
    const mock = await startStateful();
    const text = { headers: { "content-type": "text/plain; charset=utf-8" } };
    const cases: Array<[string, string, SendOptions, number, unknown]> = [
      [
        "POST",
        "/v1/tokens/",
        { body: { permanent: "sure" } },
        400,
        { permanent: ["Must be a valid boolean."] },
      ],
      ["PATCH", "/v1/tokens/1/", { body: {} }, 400, { is_active: ["This field is required."] }],
      [
        "PUT",
        "/v1/tokens/1/",
        { body: { is_active: null } },
        400,
        { is_active: ["Must be a valid boolean."] },
      ],
      [
        "PATCH",
        "/v1/tokens/1/",
        { body: [1] },
        400,
        { non_field_errors: ["Invalid data. Expected a dictionary, but got list."] },
      ],
      [
        "POST",
        "/v1/tokens/",
        { body: "x" as unknown as object, headers: { "content-type": "application/json" } },
        400,
        expect.objectContaining({ detail: expect.stringMatching(/^JSON parse error/) }),
      ],
      [
        "POST",
        "/v1/tokens/",
        { body: '"x"', headers: { "content-type": "application/json" } },
        400,
        {
          non_field_errors: ["Invalid data. Expected a dictionary, but got str."],
        },
      ],
      // JSON null passes Prism (the body is optional): the API refuses it.
      [
        "POST",
        "/v1/tokens/",
        { body: "null", headers: { "content-type": "application/json" } },
        400,
        {
          detail: "Invalid data. Expected a dictionary, but got NoneType.",
        },
      ],
      [
        "POST",
        "/v1/tokens/",
        { body: "permanent", ...text },
        415,
        { detail: 'Unsupported media type "text/plain" in request.' },
      ],
    ];
    for (const [method, path, options, status, expected] of cases) {
      const response = await send(mock, method, path, options);
      expect([response.status, response.json], JSON.stringify(options)).toEqual([status, expected]);
    }
    expect(await ids(mock)).toEqual([1]);
  });

  it("refuses a sixth permanent token with 400 and a detail", async () => {
    const mock = await startStateful();
    for (let index = 0; index < 4; index += 1) {
      expect((await send(mock, "POST", "/v1/tokens/", { body: { permanent: true } })).status).toBe(201);
    }
    const sixth = await send(mock, "POST", "/v1/tokens/", { body: { permanent: true } });
    expect(sixth).toMatchObject({
      status: 400,
      json: { detail: "You can't have more than 5 permanent tokens." },
    });
  });

  it("counts deactivated permanent tokens too, so re-activating one never makes six (defect 8)", async () => {
    const mock = await startStateful();
    for (let index = 0; index < 4; index += 1)
      await send(mock, "POST", "/v1/tokens/", { body: { permanent: true } });
    expect((await send(mock, "PATCH", "/v1/tokens/5/", { body: { is_active: false } })).status).toBe(200);
    // The reported bug: with one of five deactivated, a sixth was created, then the fifth re-activated.
    expect((await send(mock, "POST", "/v1/tokens/", { body: { permanent: true } })).status).toBe(400);
    expect((await send(mock, "PATCH", "/v1/tokens/5/", { body: { is_active: true } })).status).toBe(200);
    const permanent = (await send(mock, "GET", "/v1/tokens/?permanent=true")).json as StoredToken[];
    expect(permanent.filter((token) => token.is_active)).toHaveLength(5);
  });

  it("deletes many by scope, and everything including the caller's own without a scope", async () => {
    const mock = await startStateful({ seedTokens: 3 });
    expect((await send(mock, "DELETE", "/v1/tokens/?permanent=false")).status).toBe(204);
    expect(await ids(mock)).toEqual([1]);
    expect((await send(mock, "DELETE", "/v1/tokens/")).status).toBe(204);
    expect((await send(mock, "GET", "/v1/tokens/")).status).toBe(401);
  });

  it("answers 404 for unknown ids, keys, paths and malformed escapes; 405 with Allow for other methods", async () => {
    const mock = await startStateful();
    for (const path of [
      "/v1/tokens/99/",
      "/v1/tokens/0/",
      "/v1/tokens/unknown/",
      "/v1/tokens/%E0%A4%A/",
      "/v1/tokens/%ff/",
      "/v1/tokens/%/",
      "/v1/tokens//",
      "/v1/tokens/a/b/",
      "/v1/tokens",
      "/v2/",
    ]) {
      const response = await send(mock, "GET", path);
      expect(response.status, path).toBe(404);
      expect((response.json as { detail: string }).detail, path).toMatch(/^Not found\./);
    }
    expect((await send(mock, "PATCH", "/v1/tokens/99/", { body: { is_active: true } })).status).toBe(404);
    expect((await send(mock, "DELETE", "/v1/tokens/99/")).status).toBe(404);
    const wrong = await send(mock, "PUT", "/v1/tokens/");
    expect(wrong).toMatchObject({ status: 405, json: { detail: 'Method "PUT" not allowed.' } });
    expect(wrong.headers.get("allow")).toBe("POST, GET, DELETE, OPTIONS");
    expect((await send(mock, "POST", "/v1/tokens/1/")).headers.get("allow")).toBe(
      "GET, PATCH, PUT, DELETE, OPTIONS",
    );
  });

  it("finds a token by a percent-encoded key", async () => {
    const mock = await startStateful({ token: "dev~key.1" });
    expect((await send(mock, "GET", "/v1/tokens/dev%7Ekey.1/")).json).toMatchObject({ key: "dev~key.1" });
  });

  it("expires temporary tokens on the injected clock", async () => {
    const clock = fakeClock("2026-11-27T10:00:00.000Z");
    const mock = await startStateful({ now: clock.now });
    const temporary = (await send(mock, "POST", "/v1/tokens/")).json as StoredToken;
    expect(temporary.expires).toBe("2026-11-28T10:00:00.000Z");
    expect((await send(mock, "GET", "/v1/tokens/", { key: temporary.key })).status).toBe(200);
    clock.advance(DAY_MS);
    expect((await send(mock, "GET", "/v1/tokens/", { key: temporary.key })).status).toBe(401);
    expect(await ids(mock)).toEqual([1]);
    expect((await send(mock, "GET", `/v1/tokens/${temporary.id}/`)).status).toBe(404);
  });
});

describe("the stateful API's state file", () => {
  it("keeps the tokens across a restart, saved after every change", async () => {
    const statePath = join(tempDir(), "state.json");
    const first = await startStateful({ statePath, seedTokens: 2 });
    await send(first, "POST", "/v1/tokens/", { body: { permanent: true } });
    await send(first, "PATCH", "/v1/tokens/2/", { body: { is_active: false } });
    expect(JSON.parse(readFileSync(statePath, "utf8")).tokens).toHaveLength(3);
    const before = (await send(first, "GET", "/v1/tokens/")).json;
    await first.close();
    const second = await startStateful({ statePath, seedTokens: 2 });
    expect(second.token).toBe(first.token);
    expect((await send(second, "GET", "/v1/tokens/")).json).toEqual(before);
    expect(((await send(second, "POST", "/v1/tokens/")).json as StoredToken).id).toBe(4);
  });

  it("saves every seeded token at start (seeding saves once, at its end)", async () => {
    const statePath = join(tempDir(), "state.json");
    await startStateful({ statePath, seedTokens: 1000 });
    const saved = JSON.parse(readFileSync(statePath, "utf8"));
    expect(saved.tokens).toHaveLength(1000);
    expect(saved.nextId).toBe(1001);
  });

  it("drops tokens that expired while it was stopped, and seeds again when none is left", async () => {
    const statePath = join(tempDir(), "state.json");
    const clock = fakeClock("2026-11-27T10:00:00.000Z");
    const seeded = await startStateful({ statePath, now: clock.now, seedTokens: 1 });
    const temporary = (await send(seeded, "POST", "/v1/tokens/")).json as StoredToken;
    // Only the temporary token (id 2) is left.
    expect((await send(seeded, "DELETE", "/v1/tokens/1/", { key: temporary.key })).status).toBe(204);
    await seeded.close();
    clock.advance(DAY_MS);
    const later = await startStateful({ statePath, now: clock.now, seedTokens: 1 });
    expect(later.token).not.toBe(temporary.key);
    expect((await send(later, "GET", "/v1/tokens/", { key: temporary.key })).status).toBe(401);
    expect(await ids(later)).toEqual([3]);
    expect(JSON.parse(readFileSync(statePath, "utf8")).tokens).toHaveLength(1);
  });

  it("refuses a corrupt state file, leaves it untouched and releases the lock", async () => {
    const statePath = join(tempDir(), "state.json");
    writeFileSync(statePath, '{"tokens": [');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const started = startStateful({ statePath });
      await expect(started).rejects.toMatchObject({
        constructor: MockServerError,
        code: "STATE_FILE_UNUSABLE",
      });
      await expect(started).rejects.toThrow(`Cannot use the state file ${statePath}`);
    }
    expect(readFileSync(statePath, "utf8")).toBe('{"tokens": [');
    expect(existsSync(`${statePath}.lock`)).toBe(false);
  });

  it("logs and keeps serving when the state file cannot be saved", async () => {
    const lines: string[] = [];
    const statePath = join(tempDir(), "state.json");
    const mock = await startStateful({ statePath }, (line) => lines.push(line));
    expect(lines).toEqual([]);
    // A directory where the file should go makes every save fail.
    rmSync(statePath);
    mkdirSync(statePath);
    expect((await send(mock, "POST", "/v1/tokens/")).status).toBe(201);
    expect(lines).toEqual([expect.stringContaining(`Could not save the state file ${statePath}`)]);
    expect(await ids(mock)).toHaveLength(2);
  });

  it("checks the seed options before touching the state file, and releases the lock when seeding fails", async () => {
    const statePath = join(tempDir(), "state.json");
    for (const [options, message] of [
      [{ seedTokens: -1 }, /Invalid option seedTokens: expected an integer from 0 to 1000, got -1/],
      [{ token: "a b" }, /Invalid option token: expected 1 to 256 of the characters/],
    ] as const) {
      const started = startStateful({ statePath, ...options });
      await expect(started).rejects.toMatchObject({ code: "INVALID_OPTION" });
      await expect(started).rejects.toThrow(message);
    }
    expect(existsSync(`${statePath}.lock`)).toBe(false);
    const full = await startStateful({ statePath, seedTokens: 1 });
    for (let index = 0; index < 4; index += 1)
      await send(full, "POST", "/v1/tokens/", { body: { permanent: true } });
    await full.close();
    const fixed = startStateful({ statePath, token: "frontend-dev-key" });
    await expect(fixed).rejects.toMatchObject({ code: "STATE_FILE_UNUSABLE" });
    await expect(fixed).rejects.toThrow(
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
    const lines: string[] = [];
    const mock = await startStateful({ statePath }, (line) => lines.push(line));
    expect(lines).toEqual([expect.stringContaining("holds 6 permanent tokens, more than the 5 allowed")]);
    expect(await send(mock, "PATCH", "/v1/tokens/6/", { body: { is_active: true } })).toMatchObject({
      status: 400,
      json: { detail: "You can't have more than 5 permanent tokens." },
    });
  });
});

describe("the stateful options, checked once by startMockServer", () => {
  it.each([
    [{ seedTokens: -1 }, /seedTokens: expected an integer from 0 to 1000, got -1/],
    [{ seedTokens: 1.5 }, /seedTokens: expected an integer/],
    [{ seedTokens: 1001 }, /seedTokens: expected an integer/],
    [{ token: "" }, /token: expected 1 to 256 of the characters/],
    [{ token: "has space" }, /token: expected 1 to 256 of the characters/],
    [{ token: "a/b" }, /it is sent in URL paths/],
    [{ token: "x".repeat(257) }, /token: expected 1 to 256/],
    [{ token: "12345" }, /not all digits/],
    [{ token: ".." }, /not "\." or "\.\."/],
    [{ token: "." }, /not "\." or "\.\."/],
    [{ statePath: " " }, /statePath: expected a file path/],
  ])("refuses %o with INVALID_OPTION", async (options, message) => {
    const started = startStateful(options);
    await expect(started).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(started).rejects.toThrow(message);
  });

  it("accepts a key of every allowed character, and never quotes a refused key", async () => {
    const mock = await startStateful({ token: "Az09._~-1" });
    expect(mock.token).toBe("Az09._~-1");
    await expect(startStateful({ token: "secret value" })).rejects.toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("secret value") }),
    );
  });
});
