/**
 * The in-memory token store behind the stateful mock: the rules of the real service (increasing ids, random
 * keys, 24-hour temporary tokens, at most 5 permanent tokens), with the clock injected so expiry can be
 * tested without waiting.
 * @module
 */
import { randomBytes } from "node:crypto";

/** A token as the API returns it (the `Token` schema of the spec); `expires` is `null` for a permanent one. */
export interface StoredToken {
  id: number;
  key: string;
  is_active: boolean;
  created: string;
  expires: string | null;
}

/**
 * Everything the store holds, what the state file saves: `nextId` is never reused, even after a delete;
 * expired tokens stay until the next mutation purges them.
 */
export interface StoreSnapshot {
  nextId: number;
  tokens: StoredToken[];
}

/** How long a temporary token lives: 24 hours. */
export const TEMPORARY_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * How many permanent tokens an account may hold, active or not (see "Permanent-token limit" in the README:
 * a deactivated token still exists and can be activated again, so it keeps its slot).
 */
export const MAX_PERMANENT_TOKENS = 5;

/** Thrown when an operation would leave more than {@link MAX_PERMANENT_TOKENS} permanent tokens. */
export class PermanentTokenLimitError extends Error {
  override readonly name = "PermanentTokenLimitError";
  constructor() {
    // The detail of the 400, as the service words it.
    super(`You can't have more than ${MAX_PERMANENT_TOKENS} permanent tokens.`);
  }
}

/**
 * Options of {@link TokenStore}: the clock (`Date.now`), the key generator ({@link randomTokenKey}), the
 * state to start from (empty), and a listener called after every mutation (the state file saves from there).
 */
export interface TokenStoreOptions {
  now?: () => number;
  generateKey?: () => string;
  initial?: StoreSnapshot;
  onChange?: (snapshot: StoreSnapshot) => void;
}

/** What {@link TokenStore.list} selects: `permanent` (omitted: both kinds), a page of `limit` after `offset`. */
export interface ListQuery {
  permanent?: boolean;
  limit: number;
  offset: number;
}

/** A 40-character random hex key, like the service's. */
export function randomTokenKey(): string {
  return randomBytes(20).toString("hex");
}

/**
 * The id an item path segment names: an all-digit value is an id first, like the service's lookup (a key
 * that happens to be all digits is still found by key when no token has that id).
 */
export function idOf(idOrKey: string): number | undefined {
  return /^\d{1,15}$/.test(idOrKey) ? Number(idOrKey) : undefined;
}

/** Whether `token` is permanent (`true`), temporary (`false`), or either (`undefined`), as the filters read. */
export function isOfKind(token: StoredToken, permanent: boolean | undefined): boolean {
  return permanent === undefined || (token.expires === null) === permanent;
}

/** A token and its expiry in milliseconds (`Infinity` for a permanent one), parsed once. */
interface Entry {
  token: StoredToken;
  expiresAt: number;
}

/**
 * The tokens of one account, in memory, indexed by id and by key. Every method returns copies, so callers
 * cannot change the store behind its back; every mutation calls `onChange` once.
 */
export class TokenStore {
  readonly #now: () => number;
  readonly #generateKey: () => string;
  readonly #onChange: ((snapshot: StoreSnapshot) => void) | undefined;
  #nextId: number;
  /** By id, in insertion order, which is ascending id order (creation order). */
  readonly #byId = new Map<number, Entry>();
  readonly #byKey = new Map<string, Entry>();

  constructor(options: TokenStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#generateKey = options.generateKey ?? randomTokenKey;
    this.#onChange = options.onChange;
    const initial = options.initial ?? { nextId: 1, tokens: [] };
    const sorted = [...initial.tokens].sort((a, b) => a.id - b.id);
    for (const token of sorted) this.#add({ ...token });
    this.#nextId = Math.max(initial.nextId, (sorted.at(-1)?.id ?? 0) + 1);
  }

  /** The live (unexpired) tokens, newest first, filtered and paged like `GET /v1/tokens/`. */
  list(query: ListQuery): StoredToken[] {
    const now = this.#now();
    const entries = [...this.#byId.values()];
    const page: StoredToken[] = [];
    let skipped = 0;
    for (let index = entries.length - 1; index >= 0 && page.length < query.limit; index -= 1) {
      const entry = entries[index] as Entry;
      if (entry.expiresAt <= now) continue;
      if (!isOfKind(entry.token, query.permanent)) continue;
      if (skipped < query.offset) skipped += 1;
      else page.push({ ...entry.token });
    }
    return page;
  }

  /** How many live tokens there are (any kind, active or not). */
  get size(): number {
    const now = this.#now();
    return [...this.#byId.values()].filter((entry) => entry.expiresAt > now).length;
  }

  /** Creates a token; a temporary one expires 24 hours after now. @throws {PermanentTokenLimitError} */
  create(options: { permanent: boolean; key?: string }): StoredToken {
    if (options.permanent && this.permanentCount() >= MAX_PERMANENT_TOKENS) {
      throw new PermanentTokenLimitError();
    }
    this.#purgeExpired();
    const now = this.#now();
    const key = options.key ?? this.#uniqueKey();
    if (this.#byKey.has(key)) throw new Error("A token with this key already exists.");
    const token: StoredToken = {
      id: this.#nextId,
      key,
      is_active: true,
      created: new Date(now).toISOString(),
      expires: options.permanent ? null : new Date(now + TEMPORARY_TOKEN_LIFETIME_MS).toISOString(),
    };
    this.#nextId += 1;
    this.#add(token);
    this.#changed();
    return { ...token };
  }

  /** Finds a live token by id (a string of digits) or by key, as the path `/v1/tokens/{id_or_key}/` does. */
  find(idOrKey: string): StoredToken | undefined {
    const entry = this.#findLive(idOrKey);
    return entry ? { ...entry.token } : undefined;
  }

  /** The token a request authenticated with `key` acts as: known, active and unexpired; else `undefined`. */
  authenticate(key: string): StoredToken | undefined {
    const entry = this.#byKey.get(key);
    return entry && entry.expiresAt > this.#now() && entry.token.is_active ? { ...entry.token } : undefined;
  }

  /**
   * Activates or deactivates a live token; `undefined` when there is none with this id or key.
   * @throws {PermanentTokenLimitError} when activating a permanent token would make more than 5 active
   * ones (only possible with a state file written by a version that counted active tokens only).
   */
  setActive(idOrKey: string, isActive: boolean): StoredToken | undefined {
    const token = this.#findLive(idOrKey)?.token;
    if (!token) return undefined;
    const activating = isActive && !token.is_active && token.expires === null;
    if (activating && this.permanentCount(true) >= MAX_PERMANENT_TOKENS) throw new PermanentTokenLimitError();
    token.is_active = isActive;
    this.#purgeExpired();
    this.#changed();
    return { ...token };
  }

  /** Deletes a live token; `false` when there is none with this id or key. */
  delete(idOrKey: string): boolean {
    const entry = this.#findLive(idOrKey);
    if (!entry) return false;
    this.#remove(entry);
    this.#purgeExpired();
    this.#changed();
    return true;
  }

  /**
   * Deletes many tokens like `DELETE /v1/tokens/`: `false` only temporary ones, `true` only permanent ones,
   * omitted every token, the caller's own included. Returns how many live tokens were deleted.
   */
  deleteMany(permanent?: boolean): number {
    this.#purgeExpired();
    const deleted = [...this.#byId.values()].filter((entry) => isOfKind(entry.token, permanent));
    for (const entry of deleted) this.#remove(entry);
    this.#changed();
    return deleted.length;
  }

  /** A copy of the whole state, for saving. */
  snapshot(): StoreSnapshot {
    return { nextId: this.#nextId, tokens: [...this.#byId.values()].map((entry) => ({ ...entry.token })) };
  }

  #add(token: StoredToken): void {
    const entry = { token, expiresAt: token.expires === null ? Infinity : Date.parse(token.expires) };
    this.#byId.set(token.id, entry);
    this.#byKey.set(token.key, entry);
  }

  #remove(entry: Entry): void {
    this.#byId.delete(entry.token.id);
    this.#byKey.delete(entry.token.key);
  }

  #findLive(idOrKey: string): Entry | undefined {
    const now = this.#now();
    const id = idOf(idOrKey);
    const byId = id === undefined ? undefined : this.#byId.get(id);
    if (byId && byId.expiresAt > now) return byId;
    const byKey = this.#byKey.get(idOrKey);
    return byKey && byKey.expiresAt > now ? byKey : undefined;
  }

  /** How many permanent tokens there are, active or not; only active ones with `activeOnly`. */
  permanentCount(activeOnly = false): number {
    // Permanent tokens never expire, so no clock check is needed.
    return [...this.#byId.values()].filter(
      ({ token }) => token.expires === null && (token.is_active || !activeOnly),
    ).length;
  }

  #uniqueKey(): string {
    // 160 random bits never collide in practice; the bound only stops a broken injected generator.
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const key = this.#generateKey();
      if (!this.#byKey.has(key)) return key;
    }
    throw new Error("The key generator keeps returning keys that are already in use.");
  }

  /** Expired tokens are gone for good: drop them whenever the state changes, so the saved file stays small. */
  #purgeExpired(): void {
    const now = this.#now();
    for (const entry of [...this.#byId.values()]) if (entry.expiresAt <= now) this.#remove(entry);
  }

  #changed(): void {
    // No listener, no snapshot: without a state file a mutation copies nothing.
    if (this.#onChange) this.#onChange(this.snapshot());
  }
}
