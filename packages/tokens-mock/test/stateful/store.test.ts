import { describe, expect, it } from "vitest";
import {
  MAX_PERMANENT_TOKENS,
  PermanentTokenLimitError,
  type StoreSnapshot,
  TEMPORARY_TOKEN_LIFETIME_MS,
  TokenStore,
} from "../../src/stateful/store.js";
import { fakeClock } from "./helpers.js";

const PAGE = { limit: 100, offset: 0 };

describe("TokenStore", () => {
  it("creates tokens with increasing ids, random 40-hex keys and a 24-hour expiry", () => {
    const clock = fakeClock("2026-11-27T10:00:00.000Z");
    const store = new TokenStore(clock.now);
    const first = store.create({ permanent: false });
    clock.advance(1000);
    const second = store.create({ permanent: true });
    expect(first).toEqual({
      id: 1,
      key: expect.stringMatching(/^[0-9a-f]{40}$/),
      is_active: true,
      created: "2026-11-27T10:00:00.000Z",
      expires: "2026-11-28T10:00:00.000Z",
    });
    expect(second).toMatchObject({ id: 2, created: "2026-11-27T10:00:01.000Z", expires: null });
    expect(second.key).not.toBe(first.key);
  });

  it("never reuses an id, even after deleting the newest token", () => {
    const store = new TokenStore();
    store.create({ permanent: false });
    const second = store.create({ permanent: false });
    expect(store.delete(String(second.id))).toBe(true);
    expect(store.create({ permanent: false }).id).toBe(3);
  });

  it("lists newest first and honours permanent, limit and offset", () => {
    const store = new TokenStore();
    const kinds = [false, true, false, true, false];
    for (const permanent of kinds) store.create({ permanent });
    const ids = (query: Parameters<TokenStore["list"]>[0]) => store.list(query).map((token) => token.id);
    expect(ids(PAGE)).toEqual([5, 4, 3, 2, 1]);
    expect(ids({ ...PAGE, permanent: true })).toEqual([4, 2]);
    expect(ids({ ...PAGE, permanent: false })).toEqual([5, 3, 1]);
    expect(ids({ limit: 2, offset: 1 })).toEqual([4, 3]);
    expect(ids({ limit: 2, offset: 4 })).toEqual([1]);
    expect(ids({ limit: 2, offset: 9 })).toEqual([]);
  });

  it("expires a temporary token exactly 24 hours after creation, never a permanent one", () => {
    const clock = fakeClock("2026-11-27T10:00:00.000Z");
    const store = new TokenStore(clock.now);
    const temporary = store.create({ permanent: false });
    const permanent = store.create({ permanent: true });
    clock.advance(TEMPORARY_TOKEN_LIFETIME_MS - 1);
    expect(store.authenticate(temporary.key)?.id).toBe(temporary.id);
    clock.advance(1);
    expect(store.authenticate(temporary.key)).toBeUndefined();
    expect(store.find(String(temporary.id))).toBeUndefined();
    expect(store.find(temporary.key)).toBeUndefined();
    expect(store.list(PAGE).map((token) => token.id)).toEqual([permanent.id]);
    expect(store.setActive(String(temporary.id), false)).toBeUndefined();
    expect(store.delete(temporary.key)).toBe(false);
    clock.advance(365 * TEMPORARY_TOKEN_LIFETIME_MS);
    expect(store.authenticate(permanent.key)?.id).toBe(permanent.id);
  });

  it("refuses a sixth permanent token, counting deactivated ones (defect 8)", () => {
    const store = new TokenStore();
    const permanents = Array.from({ length: MAX_PERMANENT_TOKENS }, () => store.create({ permanent: true }));
    expect(() => store.create({ permanent: true })).toThrow(PermanentTokenLimitError);
    expect(() => store.create({ permanent: true })).toThrow("You can't have more than 5 permanent tokens.");
    expect(store.create({ permanent: false }).expires).not.toBeNull();
    store.setActive(String(permanents[0]?.id), false);
    expect(() => store.create({ permanent: true })).toThrow(PermanentTokenLimitError);
    // Activating it again is fine: it always held its slot.
    expect(store.setActive(String(permanents[0]?.id), true)?.is_active).toBe(true);
    store.delete(String(permanents[1]?.id));
    expect(store.create({ permanent: true }).expires).toBeNull();
    expect(store.permanentCount()).toBe(MAX_PERMANENT_TOKENS);
  });

  it("never activates a sixth permanent token of a state written under the old active-only count", () => {
    const created = "2026-11-27T10:00:00.000Z";
    const tokens = Array.from({ length: MAX_PERMANENT_TOKENS + 1 }, (_, index) => ({
      id: index + 1,
      key: `key-${index + 1}`,
      is_active: index < MAX_PERMANENT_TOKENS,
      created,
      expires: null,
    }));
    const store = new TokenStore(undefined, { nextId: 7, tokens });
    expect(() => store.setActive("6", true)).toThrow(PermanentTokenLimitError);
    expect(store.find("6")?.is_active).toBe(false);
    expect(store.permanentCount(true)).toBe(MAX_PERMANENT_TOKENS);
    store.setActive("1", false);
    expect(store.setActive("6", true)?.is_active).toBe(true);
    expect(() => store.setActive("1", true)).toThrow(PermanentTokenLimitError);
  });

  it("finds, deactivates and deletes by id or by key", () => {
    const store = new TokenStore();
    const token = store.create({ permanent: false });
    expect(store.find(String(token.id))).toEqual(token);
    expect(store.find(token.key)).toEqual(token);
    expect(store.find("99")).toBeUndefined();
    expect(store.setActive(token.key, false)).toEqual({ ...token, is_active: false });
    expect(store.authenticate(token.key)).toBeUndefined();
    expect(store.setActive(String(token.id), true)?.is_active).toBe(true);
    expect(store.authenticate(token.key)?.id).toBe(token.id);
    expect(store.delete(token.key)).toBe(true);
    expect(store.find(String(token.id))).toBeUndefined();
    expect(store.delete(token.key)).toBe(false);
  });

  it("deletes many: temporary only, permanent only, or everything", () => {
    const store = new TokenStore();
    for (const permanent of [false, true, false, true]) store.create({ permanent });
    store.deleteMany(false);
    expect(store.list(PAGE).every((token) => token.expires === null)).toBe(true);
    store.create({ permanent: false });
    store.deleteMany(true);
    expect(store.list(PAGE).map((token) => token.expires === null)).toEqual([false]);
    store.create({ permanent: true });
    store.deleteMany();
    expect(store.list(PAGE)).toEqual([]);
  });

  it("hands out copies, so a caller cannot change the store behind its back", () => {
    const store = new TokenStore();
    const token = store.create({ permanent: false });
    token.is_active = false;
    const listed = store.list(PAGE)[0];
    if (listed) listed.key = "changed";
    expect(store.find(String(token.id))).toMatchObject({
      is_active: true,
      key: expect.not.stringMatching("changed"),
    });
  });

  it("reports every mutation once with a snapshot, and purges expired tokens from it", () => {
    const clock = fakeClock("2026-11-27T10:00:00.000Z");
    const snapshots: StoreSnapshot[] = [];
    const store = new TokenStore(clock.now);
    store.onChange = (snapshot) => snapshots.push(snapshot);
    const old = store.create({ permanent: false });
    clock.advance(TEMPORARY_TOKEN_LIFETIME_MS);
    store.list(PAGE);
    store.find(old.key);
    expect(snapshots).toHaveLength(1);
    const fresh = store.create({ permanent: true });
    store.setActive(String(fresh.id), false);
    store.delete(String(fresh.id));
    store.deleteMany(false);
    expect(snapshots).toHaveLength(5);
    expect(snapshots[1]).toEqual({ nextId: 3, tokens: [fresh] });
    expect(snapshots[4]).toEqual({ nextId: 3, tokens: [] });
  });

  it("starts from a snapshot and keeps ids increasing past it", () => {
    const source = new TokenStore();
    source.create({ permanent: true });
    source.create({ permanent: false });
    const restored = new TokenStore(undefined, source.snapshot());
    expect(restored.list(PAGE)).toEqual(source.list(PAGE));
    expect(restored.create({ permanent: false }).id).toBe(3);
    const gapped = new TokenStore(undefined, { nextId: 1, tokens: source.snapshot().tokens });
    expect(gapped.create({ permanent: false }).id).toBe(3);
  });

  it("creates a token with a given key", () => {
    const store = new TokenStore();
    const fixed = store.create({ permanent: true, key: "dev-key" });
    expect(store.authenticate("dev-key")?.id).toBe(fixed.id);
    expect(store.find("dev-key")).toEqual(fixed);
  });
});
