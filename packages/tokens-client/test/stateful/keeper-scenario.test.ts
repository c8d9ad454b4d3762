/**
 * The token keeper against the stateful mock (`startMockServer({ stateful: true })`): a client that keeps
 * working across rounds, each new key saved before it is used, and with `retire: "delete"` every old key
 * refused (401) while the saved one works.
 */
import { type MockServer, startMockServer } from "@neuroio/tokens-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuthenticationError, createTokensClient, type Token } from "../../src/index.js";

let mock: MockServer;

beforeEach(async () => {
  mock = await startMockServer({ port: 0, quiet: true, stateful: true, seedTokens: 1 });
});

afterEach(async () => {
  await mock.close();
});

/** A client of the stateful mock with `apiToken`; no retries, so a failure shows at once. */
const clientFor = (apiToken: string) =>
  createTokensClient({ apiToken, baseUrl: mock.url, maxRetries: 0, timeoutMs: 5_000 });

describe("keepFresh against the stateful mock", () => {
  it("keeps the client working across rounds; with retire: 'delete' old keys get 401, the saved one works", async () => {
    const firstKey = mock.token as string;
    const client = clientFor(firstKey);
    // Where a service would write its key file.
    let saved = firstKey;
    const errors: unknown[] = [];
    const keeper = client.tokens.keepFresh({
      save: (token: Token) => {
        saved = token.key;
      },
      retire: "delete",
      onError: (error) => errors.push(error),
    });
    try {
      const keys = [firstKey];
      for (let round = 0; round < 3; round += 1) {
        const token = await keeper.rotateNow();
        expect(token.expires).not.toBeNull();
        expect(saved).toBe(token.key);
        keys.push(token.key);
        // The client works on, with the new key.
        await expect(client.tokens.get(token.id)).resolves.toMatchObject({ id: token.id, is_active: true });
      }
      expect(new Set(keys).size).toBe(4);
      for (const old of keys.slice(0, -1)) {
        await expect(clientFor(old).tokens.list()).rejects.toBeInstanceOf(AuthenticationError);
      }
      // A fresh process that reads the saved key works; only that token is left.
      const restarted = clientFor(saved);
      expect((await restarted.tokens.list()).map((token) => token.key)).toEqual([saved]);
      expect(errors).toEqual([]);
    } finally {
      keeper.stop();
    }
  }, 30_000);
});
