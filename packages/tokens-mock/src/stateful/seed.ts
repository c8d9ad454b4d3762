/**
 * Seed data of the stateful mock: `seedTokens` tokens on a fresh start and a fixed `token` key a frontend
 * can hard-code, plus the choice of the key to show the user.
 * @module
 */
import { MockServerError } from "../errors.js";
import type { TokenStore } from "./store.js";

/**
 * What to seed (checked by `resolveOptions`). `seedTokens`: how many tokens to create when the store holds
 * no live token (a fresh start, or a state file whose tokens all expired), the first permanent so its key
 * keeps working; default 1 without `token`, else 0. `token`: a fixed key that works at every start, created
 * as a permanent token when missing and activated again at start when deactivated (during a run it is a
 * token like any other).
 */
export interface SeedOptions {
  seedTokens?: number | undefined;
  token?: string | undefined;
}

/**
 * Seeds `store` and returns a key that works now: the fixed token, else the first seeded one, else the
 * oldest active permanent one (the one seeding made first, so a restart on a state file shows the key the
 * user saw last time), else the newest active one (the one that lives longest).
 * @throws {MockServerError} `STATE_FILE_UNUSABLE` when the fixed token does not fit under the permanent-token limit.
 */
export function seedStore(store: TokenStore, { seedTokens, token }: SeedOptions): string | undefined {
  const all = { limit: Number.MAX_SAFE_INTEGER, offset: 0 };
  const fresh = store.list(all).length === 0;
  if (token !== undefined) {
    try {
      const existing = store.find(token);
      if (!existing) store.create({ permanent: true, key: token });
      else if (!existing.is_active) store.setActive(token, true);
    } catch (error) {
      const message = `Cannot add the fixed token: ${(error as Error).message} Delete or deactivate a permanent token first.`;
      throw new MockServerError("STATE_FILE_UNUSABLE", message, { cause: error });
    }
  }
  const count = fresh ? (seedTokens ?? (token === undefined ? 1 : 0)) : 0;
  const seeded = Array.from({ length: count }, (_, index) => store.create({ permanent: index === 0 }));
  const active = store.list(all).filter((candidate) => candidate.is_active);
  return (
    token ??
    seeded[0]?.key ??
    ([...active].reverse().find((candidate) => candidate.expires === null) ?? active[0])?.key
  );
}
