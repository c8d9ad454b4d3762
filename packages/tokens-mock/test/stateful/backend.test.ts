import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  StateFileError,
  type StatefulBackendOptions,
  startStatefulBackend,
  TEMPORARY_TOKEN_LIFETIME_MS,
} from "../../src/stateful/index.js";
import { auth, closeAfterTest, fakeClock, tempDir } from "./helpers.js";

async function start(options: StatefulBackendOptions = {}) {
  const backend = closeAfterTest(await startStatefulBackend({ warn: () => {}, ...options }));
  const key = backend.callerKey as string;
  const call = (path: string, init: RequestInit & { key?: string } = {}) =>
    fetch(`${backend.url}${path}`, {
      ...init,
      headers: { ...auth(init.key ?? key), ...(init.headers as Record<string, string> | undefined) },
    });
  const json = (body: unknown) => ({
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  return { backend, key, call, json };
}

describe("startStatefulBackend", () => {
  it("listens on 127.0.0.1 on a free port and frees it on close", async () => {
    const backend = await startStatefulBackend();
    expect(backend.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${backend.url}/v1/tokens/`)).status).toBe(401);
    await backend.close();
    await expect(fetch(`${backend.url}/v1/tokens/`)).rejects.toThrow();
    await backend.close();
  });

  it("creates, lists, gets, updates and deletes through HTTP", async () => {
    const { key, call, json } = await start();
    const created = await call("/v1/tokens/", { method: "POST", ...json({ permanent: false }) });
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toBe("application/json");
    const token = await created.json();
    expect(token).toMatchObject({ id: 2, is_active: true, key: expect.stringMatching(/^[0-9a-f]{40}$/) });
    const listed = await (await call("/v1/tokens/")).json();
    expect(listed.map((item: { id: number }) => item.id)).toEqual([2, 1]);
    expect(listed[1].key).toBe(key);
    expect(await (await call(`/v1/tokens/${token.key}/`)).json()).toEqual(token);
    const patched = await call(`/v1/tokens/${token.id}/`, { method: "PATCH", ...json({ is_active: false }) });
    expect(await patched.json()).toEqual({ ...token, is_active: false });
    const deleted = await call(`/v1/tokens/${token.id}/`, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get("content-type")).toBeNull();
    expect(await deleted.text()).toBe("");
    expect((await call(`/v1/tokens/${token.id}/`)).status).toBe(404);
  });

  it("creates a temporary token from an empty body", async () => {
    const { call } = await start();
    const response = await call("/v1/tokens/", { method: "POST" });
    expect(response.status).toBe(201);
    expect((await response.json()).expires).not.toBeNull();
  });

  it("accepts form-encoded PATCH (the Python SDK) and PUT JSON (the old JS SDK)", async () => {
    const { backend, call, json } = await start({ seedTokens: 2 });
    const other = backend.seeded[1]?.id;
    const form = await call(`/v1/tokens/${other}/`, {
      method: "PATCH",
      body: "is_active=False",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(await form.json()).toMatchObject({ id: other, is_active: false });
    const put = await call(`/v1/tokens/${other}/`, { method: "PUT", ...json({ is_active: true }) });
    expect(await put.json()).toMatchObject({ id: other, is_active: true });
  });

  it("answers 401 without credentials, with another scheme, and for unknown or deactivated keys", async () => {
    const { backend, key, call, json } = await start({ seedTokens: 2 });
    const bare = await fetch(`${backend.url}/v1/tokens/`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get("www-authenticate")).toBe("Token");
    expect(await bare.json()).toEqual({ detail: "Authentication credentials were not provided." });
    const bearer = await fetch(`${backend.url}/v1/tokens/`, { headers: { authorization: `Bearer ${key}` } });
    expect(bearer.status).toBe(401);
    expect((await bearer.json()).detail).toMatch(/^Invalid token header\. Send "Authorization: Token <key>"/);
    expect(await (await call("/v1/tokens/", { key: "nope" })).json()).toEqual({ detail: "Invalid token." });
    const spaced = await fetch(`${backend.url}/v1/tokens/`, { headers: { authorization: "Token a b" } });
    expect((await spaced.json()).detail).toMatch(/should not contain spaces/);
    const other = backend.seeded[1]?.key as string;
    await call(`/v1/tokens/${other}/`, { method: "PATCH", ...json({ is_active: false }) });
    const refused = await call("/v1/tokens/", { key: other });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ detail: "Invalid token." });
  });

  it("validates list and delete-many parameters DRF-style, every bad field at once", async () => {
    const { call } = await start();
    const bad = await call("/v1/tokens/?permanent=maybe&limit=0&offset=x");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      permanent: ["Must be a valid boolean."],
      limit: ["Ensure this value is greater than or equal to 1."],
      offset: ["A valid integer is required."],
    });
    expect(await (await call("/v1/tokens/?offset=-1")).json()).toEqual({
      offset: ["Ensure this value is greater than or equal to 0."],
    });
    const many = await call("/v1/tokens/?permanent=2", { method: "DELETE" });
    expect(many.status).toBe(400);
    expect(await many.json()).toEqual({ permanent: ["Must be a valid boolean."] });
  });

  it("pages with limit and offset, newest first, 20 by default", async () => {
    const { call } = await start({ seedTokens: 25 });
    const ids = async (query: string) =>
      ((await (await call(`/v1/tokens/${query}`)).json()) as Array<{ id: number }>).map((token) => token.id);
    expect(await ids("")).toHaveLength(20);
    expect((await ids(""))[0]).toBe(25);
    expect(await ids("?limit=3&offset=2")).toEqual([23, 22, 21]);
    expect(await ids("?permanent=true")).toEqual([1]);
    expect(await ids("?permanent=false&limit=2")).toEqual([25, 24]);
  });

  it("validates bodies: bad fields, malformed JSON, other media types", async () => {
    const { call, json } = await start();
    const cases: Array<[string, RequestInit, unknown]> = [
      [
        "/v1/tokens/",
        { method: "POST", ...json({ permanent: "sure" }) },
        { permanent: ["Must be a valid boolean."] },
      ],
      ["/v1/tokens/1/", { method: "PATCH", ...json({}) }, { is_active: ["This field is required."] }],
      [
        "/v1/tokens/1/",
        { method: "PUT", ...json({ is_active: null }) },
        { is_active: ["Must be a valid boolean."] },
      ],
      [
        "/v1/tokens/1/",
        { method: "PATCH", ...json([1]) },
        { detail: "Invalid data. Expected a dictionary, but got list." },
      ],
      [
        "/v1/tokens/",
        { method: "POST", body: "permanent", headers: { "content-type": "text/plain" } },
        { detail: 'Unsupported media type "text/plain" in request.' },
      ],
    ];
    for (const [path, init, expected] of cases) {
      const response = await call(path, init);
      expect(response.status, JSON.stringify(init)).toBe(400);
      expect(await response.json()).toEqual(expected);
    }
    const malformed = await call("/v1/tokens/", {
      method: "POST",
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).detail).toMatch(/^JSON parse error - /);
  });

  it("refuses a sixth permanent token with 400 and a detail", async () => {
    const { call, json } = await start();
    for (let index = 0; index < 4; index += 1) {
      expect((await call("/v1/tokens/", { method: "POST", ...json({ permanent: true }) })).status).toBe(201);
    }
    const sixth = await call("/v1/tokens/", { method: "POST", ...json({ permanent: true }) });
    expect(sixth.status).toBe(400);
    expect(await sixth.json()).toEqual({ detail: "You can't have more than 5 permanent tokens." });
  });

  it("deletes many by scope, and everything including the caller's own without a scope", async () => {
    const { backend, call } = await start({ seedTokens: 3 });
    expect((await call("/v1/tokens/?permanent=false", { method: "DELETE" })).status).toBe(204);
    expect(backend.store.size).toBe(1);
    const all = await call("/v1/tokens/", { method: "DELETE" });
    expect(all.status).toBe(204);
    expect(await all.text()).toBe("");
    expect(backend.store.size).toBe(0);
    expect((await call("/v1/tokens/")).status).toBe(401);
  });

  it("answers 404 for unknown ids, keys, paths and bad escapes; 405 for other methods", async () => {
    const { call } = await start();
    for (const path of [
      "/v1/tokens/99/",
      "/v1/tokens/unknown/",
      "/v1/tokens/%E0%A4%A/",
      "/v1/tokens",
      "/v2/",
    ]) {
      const response = await call(path);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toEqual({ detail: "Not found." });
    }
    const patch404 = await call("/v1/tokens/99/", { method: "PATCH", body: "{" });
    expect(patch404.status).toBe(404);
    const wrong = await call("/v1/tokens/", { method: "PUT" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, POST, DELETE, OPTIONS");
  });

  it("expires temporary tokens on the injected clock", async () => {
    const clock = fakeClock("2026-11-27T10:00:00.000Z");
    const { call } = await start({ now: clock.now });
    const temporary = await (await call("/v1/tokens/", { method: "POST" })).json();
    expect(temporary.expires).toBe("2026-11-28T10:00:00.000Z");
    expect((await call("/v1/tokens/", { key: temporary.key })).status).toBe(200);
    clock.advance(TEMPORARY_TOKEN_LIFETIME_MS);
    expect((await call("/v1/tokens/", { key: temporary.key })).status).toBe(401);
    expect(await (await call("/v1/tokens/")).json()).toHaveLength(1);
    expect((await call(`/v1/tokens/${temporary.id}/`)).status).toBe(404);
  });

  it("keeps the tokens across a restart with a state file, saved after every change", async () => {
    const statePath = join(tempDir(), "state.json");
    const first = await start({ statePath, seedTokens: 2 });
    await first.call("/v1/tokens/", { method: "POST", ...first.json({ permanent: true }) });
    await first.call(`/v1/tokens/${first.backend.seeded[1]?.id}/`, {
      method: "PATCH",
      ...first.json({ is_active: false }),
    });
    const saved = JSON.parse(readFileSync(statePath, "utf8"));
    expect(saved.tokens).toHaveLength(3);
    const before = first.backend.store.list({ limit: 10, offset: 0 });
    await first.backend.close();
    const second = await start({ statePath, seedTokens: 2 });
    expect(second.backend.seeded).toEqual([]);
    expect(second.key).toBe(first.key);
    expect(await (await second.call("/v1/tokens/")).json()).toEqual(before);
    expect((await (await second.call("/v1/tokens/", { method: "POST" })).json()).id).toBe(4);
  });

  it("drops tokens that expired while it was stopped, and seeds again when none is left", async () => {
    const statePath = join(tempDir(), "state.json");
    const clock = fakeClock("2026-11-27T10:00:00.000Z");
    const seeded = await start({ statePath, now: clock.now, seedTokens: 1 });
    const temporary = seeded.backend.store.create({ permanent: false });
    seeded.backend.store.delete(seeded.key); // only the temporary token (id 2) is left
    await seeded.backend.close();
    clock.advance(TEMPORARY_TOKEN_LIFETIME_MS);
    const later = await start({ statePath, now: clock.now, seedTokens: 1 });
    expect(later.backend.seeded).toHaveLength(1);
    expect(later.key).not.toBe(temporary.key);
    expect((await later.call("/v1/tokens/", { key: temporary.key })).status).toBe(401);
    expect((await (await later.call("/v1/tokens/")).json()).map((token: { id: number }) => token.id)).toEqual(
      [3],
    );
    expect(JSON.parse(readFileSync(statePath, "utf8")).tokens).toHaveLength(1);
  });

  it("refuses a corrupt state file and leaves it untouched", async () => {
    const statePath = join(tempDir(), "state.json");
    writeFileSync(statePath, '{"tokens": [');
    await expect(startStatefulBackend({ statePath })).rejects.toThrow(StateFileError);
    await expect(startStatefulBackend({ statePath })).rejects.toThrow(
      `Cannot use the state file ${statePath}`,
    );
    expect(readFileSync(statePath, "utf8")).toBe('{"tokens": [');
  });

  it("warns and keeps serving when the state file cannot be saved", async () => {
    const warnings: string[] = [];
    const statePath = join(tempDir(), "gone", "state.json");
    const { call } = await start({ statePath, warn: (message) => warnings.push(message) });
    expect(warnings).toEqual([expect.stringContaining(`Could not save the state file ${statePath}`)]);
    expect((await call("/v1/tokens/", { method: "POST" })).status).toBe(201);
    expect(warnings).toHaveLength(2);
  });
});
