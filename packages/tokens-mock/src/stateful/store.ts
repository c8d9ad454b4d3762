/**
 * The in-memory token store behind the stateful mock: the rules of the real service (increasing ids, random
 * keys, 24-hour temporary tokens, at most 5 active permanent tokens), with the clock injected so expiry can be
 * tested without waiting.
 * @module
 */
import { randomBytes } from "node:crypto";

/** A token as the API returns it (the `Token` schema of the spec). */
export interface StoredToken {
  /** Unique, increasing id. */
  id: number;
  /** The secret sent as `Authorization: Token <key>`. */
  key: string;
  /** Whether the token is accepted. */
  is_active: boolean;
  /** Creation time, ISO 8601. */
  created: string;
  /** Expiry time (ISO 8601) of a temporary token; `null` for a permanent one. */
  expires: string | null;
}

/** Everything the store holds: what the state file saves and loads. */
export interface StoreSnapshot {
  /** The id the next created token gets; ids are never reused, even after a delete. */
  nextId: number;
  /** Every token, expired ones included until the next mutation purges them. */
  tokens: StoredToken[];
}

/** Returns the current time in milliseconds since the epoch (like `Date.now`). */
export type Clock = () => number;

/** How long a temporary token lives: 24 hours. */
export const TEMPORARY_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** How many active permanent tokens an account may hold. */
export const MAX_PERMANENT_TOKENS = 5;

/** The message of the 400 answered to a sixth permanent token, as the service words it. */
export const PERMANENT_LIMIT_MESSAGE = `You can't have more than ${MAX_PERMANENT_TOKENS} permanent tokens.`;

/** Thrown by {@link TokenStore.create} when a sixth active permanent token is asked for. */
export class PermanentTokenLimitError extends Error {
  override readonly name = "PermanentTokenLimitError";
  constructor() {
    super(PERMANENT_LIMIT_MESSAGE);
  }
}

/** Options of {@link TokenStore}. */
export interface TokenStoreOptions {
  /** The clock; `Date.now` by default. Tests pass a fake one to move time forward. */
  now?: Clock;
  /** Makes a new key; 40 random hex characters (20 bytes of `crypto.randomBytes`) by default. */
  generateKey?: () => string;
  /** The state to start from (a loaded state file); empty by default. */
  initial?: StoreSnapshot;
  /** Called after every mutation with the new snapshot (the state file is saved from here). */
  onChange?: (snapshot: StoreSnapshot) => void;
}

/** What {@link TokenStore.list} selects. */
export interface ListQuery {
  /** `true`: permanent only; `false`: temporary only; omitted: both. */
  permanent?: boolean;
  /** Page size (at least 1). */
  limit: number;
  /** How many tokens to skip. */
  offset: number;
}

/** A 40-character random hex key, like the service's. */
export function randomTokenKey(): string {
  return randomBytes(20).toString("hex");
}

/**
 * The tokens of one account, in memory. Every method returns copies, so callers cannot change the store
 * behind its back; every mutation calls `onChange` once.
 */
export class TokenStore {
  readonly #now: Clock;
  readonly #generateKey: () => string;
  readonly #onChange: ((snapshot: StoreSnapshot) => void) | undefined;
  #nextId: number;
  /** Ordered by id, ascending (creation order). */
  #tokens: StoredToken[];

  constructor(options: TokenStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#generateKey = options.generateKey ?? randomTokenKey;
    this.#onChange = options.onChange;
    const initial = options.initial ?? { nextId: 1, tokens: [] };
    this.#tokens = initial.tokens.map((token) => ({ ...token })).sort((a, b) => a.id - b.id);
    const highestId = this.#tokens.at(-1)?.id ?? 0;
    this.#nextId = Math.max(initial.nextId, highestId + 1);
  }

  /** The live (unexpired) tokens, newest first, filtered and paged like `GET /v1/tokens/`. */
  list(query: ListQuery): StoredToken[] {
    return this.#live()
      .filter((token) => query.permanent === undefined || (token.expires === null) === query.permanent)
      .reverse()
      .slice(query.offset, query.offset + query.limit)
      .map((token) => ({ ...token }));
  }

  /** How many live tokens there are (any kind, active or not). */
  get size(): number {
    return this.#live().length;
  }

  /**
   * Creates a token. A temporary one expires 24 hours after now.
   * @throws {PermanentTokenLimitError} when `permanent` is asked for and 5 active permanent tokens exist.
   */
  create(options: { permanent: boolean; key?: string }): StoredToken {
    if (options.permanent && this.#activePermanentCount() >= MAX_PERMANENT_TOKENS) {
      throw new PermanentTokenLimitError();
    }
    this.#purgeExpired();
    const now = this.#now();
    const key = options.key ?? this.#uniqueKey();
    if (this.#tokens.some((token) => token.key === key)) {
      throw new Error("A token with this key already exists.");
    }
    const token: StoredToken = {
      id: this.#nextId,
      key,
      is_active: true,
      created: new Date(now).toISOString(),
      expires: options.permanent ? null : new Date(now + TEMPORARY_TOKEN_LIFETIME_MS).toISOString(),
    };
    this.#nextId += 1;
    this.#tokens.push(token);
    this.#changed();
    return { ...token };
  }

  /**
   * Finds a live token by id (a string of digits) or by key, as the item path `/v1/tokens/{id_or_key}/` does.
   * An expired token is not found.
   */
  find(idOrKey: string): StoredToken | undefined {
    const token = this.#findLive(idOrKey);
    return token ? { ...token } : undefined;
  }

  /** The token a request authenticated with `key` acts as: known, active and unexpired; else `undefined`. */
  authenticate(key: string): StoredToken | undefined {
    const token = this.#live().find((candidate) => candidate.key === key);
    return token?.is_active ? { ...token } : undefined;
  }

  /** Activates or deactivates a live token; `undefined` when there is none with this id or key. */
  setActive(idOrKey: string, isActive: boolean): StoredToken | undefined {
    const token = this.#findLive(idOrKey);
    if (!token) return undefined;
    token.is_active = isActive;
    this.#purgeExpired();
    this.#changed();
    return { ...token };
  }

  /** Deletes a live token; `false` when there is none with this id or key. */
  delete(idOrKey: string): boolean {
    const token = this.#findLive(idOrKey);
    if (!token) return false;
    this.#tokens = this.#tokens.filter((candidate) => candidate !== token);
    this.#purgeExpired();
    this.#changed();
    return true;
  }

  /**
   * Deletes many tokens like `DELETE /v1/tokens/`: `false` only temporary ones, `true` only permanent ones,
   * omitted every token, the caller's own included. Returns how many live tokens were deleted.
   */
  deleteMany(permanent?: boolean): number {
    const before = this.size;
    this.#purgeExpired();
    this.#tokens = this.#tokens.filter(
      (token) => permanent !== undefined && (token.expires === null) !== permanent,
    );
    this.#changed();
    return before - this.size;
  }

  /** A deep copy of the whole state, for saving. */
  snapshot(): StoreSnapshot {
    return { nextId: this.#nextId, tokens: this.#tokens.map((token) => ({ ...token })) };
  }

  #live(): StoredToken[] {
    const now = this.#now();
    return this.#tokens.filter((token) => token.expires === null || Date.parse(token.expires) > now);
  }

  #findLive(idOrKey: string): StoredToken | undefined {
    const live = this.#live();
    // An all-digit value is an id first, like the service's lookup; a key that happens to be all digits
    // is still found by the second search.
    if (/^\d+$/.test(idOrKey)) {
      const id = Number(idOrKey);
      const byId = live.find((token) => token.id === id);
      if (byId) return byId;
    }
    return live.find((token) => token.key === idOrKey);
  }

  #activePermanentCount(): number {
    return this.#live().filter((token) => token.expires === null && token.is_active).length;
  }

  #uniqueKey(): string {
    // 160 random bits never collide in practice; the bound only stops a broken injected generator.
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const key = this.#generateKey();
      if (!this.#tokens.some((token) => token.key === key)) return key;
    }
    throw new Error("The key generator keeps returning keys that are already in use.");
  }

  /** Expired tokens are gone for good: drop them whenever the state changes, so the saved file stays small. */
  #purgeExpired(): void {
    this.#tokens = this.#live();
  }

  #changed(): void {
    this.#onChange?.(this.snapshot());
  }
}
