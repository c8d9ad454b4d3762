/**
 * Seed data of the stateful mock: `seedTokens` tokens on a fresh start and a fixed `token` key a frontend
 * can hard-code, plus the choice of the key to show the user.
 * @module
 */
import type { StoredToken, TokenStore } from "./store.js";

/**
 * What to seed. `seedTokens`: how many tokens to create when the store holds no live token (a fresh start,
 * or a state file whose tokens all expired), the first permanent so its key keeps working; default 1 without
 * `token`, else 0. `token`: a fixed key that works at every start, created as a permanent token when missing and
 * activated again at start when deactivated (during a run it is a token like any other); 1 to 256 of `A-Z a-z 0-9 . _ ~ -`, not all digits (that reads as an id).
 */
export interface SeedOptions {
  seedTokens?: number;
  token?: string;
}

/**
 * What seeding did: the tokens it created (the fixed one included), and a key that works now: the fixed
 * token, else the first seeded one, else the oldest active permanent one, else the newest active one.
 */
export interface SeedResult {
  created: StoredToken[];
  callerKey: string | undefined;
}

/** The most tokens `seedTokens` may ask for. */
export const MAX_SEED_TOKENS = 1000;

/** Throws a `TypeError` saying what is wrong with the options; the key itself is never quoted. */
export function validateSeedOptions(options: SeedOptions): void {
  const { seedTokens, token } = options;
  if (
    seedTokens !== undefined &&
    (!Number.isSafeInteger(seedTokens) || seedTokens < 0 || seedTokens > MAX_SEED_TOKENS)
  ) {
    throw new TypeError(
      `seedTokens must be an integer from 0 to ${MAX_SEED_TOKENS}, got ${String(seedTokens)}.`,
    );
  }
  if (token === undefined) return;
  // The key goes into URL paths (`/v1/tokens/{key}/`): unreserved characters need no encoding anywhere.
  if (typeof token !== "string" || !/^[A-Za-z0-9._~-]{1,256}$/.test(token)) {
    throw new TypeError(
      "token must be 1 to 256 of the characters A-Z a-z 0-9 . _ ~ - (it is sent in URL paths).",
    );
  }
  if (/^\d+$/.test(token)) {
    throw new TypeError("token must not be all digits: the API would read it as a token id.");
  }
  if (token === "." || token === "..") {
    throw new TypeError('token must not be "." or "..": they are path segments, not keys.');
  }
}

/**
 * Seeds `store` per `options`, which {@link validateSeedOptions} has checked.
 * @throws {Error} when the fixed token does not fit under the permanent-token limit.
 */
export function seedStore(store: TokenStore, options: SeedOptions): SeedResult {
  const fresh = store.size === 0;
  const fixed = options.token === undefined ? undefined : ensureFixedToken(store, options.token);
  const created = fixed ? [fixed] : [];
  const count = fresh ? (options.seedTokens ?? (options.token === undefined ? 1 : 0)) : 0;
  for (let index = 0; index < count; index += 1) created.push(store.create({ permanent: index === 0 }));
  const firstSeeded = created.find((token) => token.key !== options.token);
  return { created, callerKey: options.token ?? firstSeeded?.key ?? preferredKey(store) };
}

/** Makes the fixed key usable; returns the token when it had to be created. */
function ensureFixedToken(store: TokenStore, key: string): StoredToken | undefined {
  try {
    const existing = store.find(key);
    if (existing) {
      if (!existing.is_active) store.setActive(key, true);
      return undefined;
    }
    return store.create({ permanent: true, key });
  } catch (error) {
    throw new Error(
      `Cannot add the fixed token: ${(error as Error).message} Delete or deactivate a permanent token first.`,
      { cause: error },
    );
  }
}

/**
 * The oldest active permanent token is the one seeding made first, so a restart on a state file shows the
 * key the user saw last time; failing that, the newest active token (the one that lives longest).
 */
function preferredKey(store: TokenStore): string | undefined {
  const live = store.list({ limit: Number.MAX_SAFE_INTEGER, offset: 0 }).filter((token) => token.is_active);
  return ([...live].reverse().find((token) => token.expires === null) ?? live[0])?.key;
}
