import { describe, expect, it } from "vitest";
import { seedStore } from "../../src/stateful/api.js";
import { TokenStore } from "../../src/stateful/store.js";

const ALL = { limit: 1000, offset: 0 };

describe("seedStore", () => {
  it("seeds one permanent token by default and returns its key", () => {
    const store = new TokenStore();
    const key = seedStore(store, {});
    expect(store.list(ALL)).toEqual([expect.objectContaining({ id: 1, key, expires: null })]);
  });

  it("seeds N tokens: the first permanent, the others temporary", () => {
    const store = new TokenStore();
    const key = seedStore(store, { seedTokens: 4 });
    expect(store.list(ALL).map((token) => [token.id, token.expires === null])).toEqual([
      [4, false],
      [3, false],
      [2, false],
      [1, true],
    ]);
    expect(key).toBe(store.find("1")?.key);
  });

  it("seeds nothing with seedTokens 0 and no token", () => {
    const store = new TokenStore();
    expect(seedStore(store, { seedTokens: 0 })).toBeUndefined();
    expect(store.list(ALL)).toEqual([]);
  });

  it("adds a fixed permanent token that the caller key is, and no default seed", () => {
    const store = new TokenStore();
    expect(seedStore(store, { token: "frontend-dev-key" })).toBe("frontend-dev-key");
    expect(store.list(ALL)).toEqual([expect.objectContaining({ key: "frontend-dev-key", expires: null })]);
    const both = new TokenStore();
    expect(seedStore(both, { token: "frontend-dev-key", seedTokens: 2 })).toBe("frontend-dev-key");
    expect(both.list(ALL).map((token) => token.key)).toEqual([
      expect.stringMatching(/^[0-9a-f]{40}$/),
      expect.stringMatching(/^[0-9a-f]{40}$/),
      "frontend-dev-key",
    ]);
  });

  it("does not seed a store that already holds live tokens, and reports a working key", () => {
    const store = new TokenStore();
    store.create({ permanent: false });
    const permanent = store.create({ permanent: true });
    store.create({ permanent: false });
    expect(seedStore(store, { seedTokens: 3 })).toBe(permanent.key);
    expect(store.list(ALL)).toHaveLength(3);
  });

  it("reports the newest active token when no permanent one is active", () => {
    const store = new TokenStore();
    const permanent = store.create({ permanent: true });
    store.setActive(permanent.key, false);
    store.create({ permanent: false });
    const newest = store.create({ permanent: false });
    expect(seedStore(store, {})).toBe(newest.key);
  });

  it("activates a deactivated fixed token again instead of adding a second one", () => {
    const store = new TokenStore();
    const fixed = store.create({ permanent: true, key: "frontend-dev-key" });
    store.setActive(String(fixed.id), false);
    expect(seedStore(store, { token: "frontend-dev-key" })).toBe("frontend-dev-key");
    expect(store.authenticate("frontend-dev-key")?.id).toBe(fixed.id);
    expect(store.list(ALL)).toHaveLength(1);
  });

  it("explains when the fixed token does not fit under the permanent limit", () => {
    const store = new TokenStore();
    for (let index = 0; index < 5; index += 1) store.create({ permanent: true });
    expect(() => seedStore(store, { token: "frontend-dev-key" })).toThrow(
      expect.objectContaining({
        code: "STATE_FILE_UNUSABLE",
        message: expect.stringMatching(
          /^Cannot add the fixed token: You can't have more than 5 permanent tokens/,
        ),
      }),
    );
  });
});
