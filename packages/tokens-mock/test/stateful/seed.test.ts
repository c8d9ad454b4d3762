import { describe, expect, it } from "vitest";
import { MAX_SEED_TOKENS, seedStore, validateSeedOptions } from "../../src/stateful/seed.js";
import { TokenStore } from "../../src/stateful/store.js";

const ALL = { limit: 1000, offset: 0 };

describe("seedStore", () => {
  it("seeds one permanent token by default and returns its key", () => {
    const store = new TokenStore();
    const result = seedStore(store, {});
    expect(result.created).toHaveLength(1);
    expect(result.created[0]?.expires).toBeNull();
    expect(result.callerKey).toBe(result.created[0]?.key);
  });

  it("seeds N tokens: the first permanent, the others temporary", () => {
    const store = new TokenStore();
    const result = seedStore(store, { seedTokens: 4 });
    expect(result.created.map((token) => [token.id, token.expires === null])).toEqual([
      [1, true],
      [2, false],
      [3, false],
      [4, false],
    ]);
    expect(result.callerKey).toBe(result.created[0]?.key);
    expect(store.size).toBe(4);
  });

  it("seeds nothing with seedTokens 0 and no token", () => {
    const store = new TokenStore();
    expect(seedStore(store, { seedTokens: 0 })).toEqual({ created: [], callerKey: undefined });
    expect(store.size).toBe(0);
  });

  it("adds a fixed permanent token that the caller key is, and no default seed", () => {
    const store = new TokenStore();
    const result = seedStore(store, { token: "frontend-dev-key" });
    expect(result.callerKey).toBe("frontend-dev-key");
    expect(store.list(ALL)).toEqual([expect.objectContaining({ key: "frontend-dev-key", expires: null })]);
    const both = seedStore(new TokenStore(), { token: "frontend-dev-key", seedTokens: 2 });
    expect(both.created.map((token) => token.key)).toEqual([
      "frontend-dev-key",
      expect.stringMatching(/^[0-9a-f]{40}$/),
      expect.stringMatching(/^[0-9a-f]{40}$/),
    ]);
    expect(both.callerKey).toBe("frontend-dev-key");
  });

  it("does not seed a store that already holds live tokens, and reports a working key", () => {
    const store = new TokenStore();
    store.create({ permanent: false });
    const permanent = store.create({ permanent: true });
    store.create({ permanent: false });
    const result = seedStore(store, { seedTokens: 3 });
    expect(result.created).toEqual([]);
    expect(result.callerKey).toBe(permanent.key);
    expect(store.size).toBe(3);
  });

  it("activates a deactivated fixed token again instead of adding a second one", () => {
    const store = new TokenStore();
    const fixed = store.create({ permanent: true, key: "frontend-dev-key" });
    store.setActive(String(fixed.id), false);
    expect(seedStore(store, { token: "frontend-dev-key" }).created).toEqual([]);
    expect(store.authenticate("frontend-dev-key")?.id).toBe(fixed.id);
    expect(store.size).toBe(1);
  });

  it("explains when the fixed token does not fit under the permanent limit", () => {
    const store = new TokenStore();
    for (let index = 0; index < 5; index += 1) store.create({ permanent: true });
    expect(() => seedStore(store, { token: "frontend-dev-key" })).toThrow(
      /Cannot add the fixed token: You can't have more than 5 permanent tokens/,
    );
  });

  it.each([
    [{ seedTokens: -1 }, /seedTokens must be an integer from 0/],
    [{ seedTokens: 1.5 }, /seedTokens must be an integer/],
    [{ seedTokens: MAX_SEED_TOKENS + 1 }, /seedTokens must be an integer/],
    [{ token: "" }, /token must be 1 to 256 of the characters/],
    [{ token: "has space" }, /token must be 1 to 256 of the characters/],
    [{ token: "a/b" }, /sent in URL paths/],
    [{ token: "x".repeat(257) }, /token must be 1 to 256/],
    [{ token: "12345" }, /must not be all digits/],
    [{ token: ".." }, /must not be "\." or "\.\."/],
  ])("refuses %o with a TypeError", (options, message) => {
    expect(() => validateSeedOptions(options)).toThrow(TypeError);
    expect(() => validateSeedOptions(options)).toThrow(message);
  });

  it("never quotes a refused key", () => {
    expect(() => validateSeedOptions({ token: "secret value" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("secret value") }),
    );
  });
});
