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

/** What {@link TokenStore.list} selects: `permanent` (omitted: both kinds), a page of `limit` after `offset`. */
export interface ListQuery {
  permanent?: boolean | undefined;
  limit: number;
  offset: number;
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

function entryOf(token: StoredToken): Entry {
  return { token, expiresAt: token.expires === null ? Infinity : Date.parse(token.expires) };
}

/**
 * The tokens of one account, in memory. Every method returns copies, so callers cannot change the store
 * behind its back.
 */
export class TokenStore {
  /** Called after every mutation with the whole state (the state file saves from there); none: no copy. */
  onChange: ((snapshot: StoreSnapshot) => void) | undefined;
  readonly #now: () => number;
  /** By id, in insertion order, which is ascending id order (creation order). */
  readonly #tokens = new Map<number, Entry>();
  #nextId: number;

  /**
   * @param now The clock (`Date.now`), injected so tests can make tokens expire.
   * @param initial The state to start from (the state file's), else empty.
   */
  constructor(now: () => number = Date.now, initial?: StoreSnapshot) {
    this.#now = now;
    const sorted = [...(initial?.tokens ?? [])].sort((a, b) => a.id - b.id);
    for (const token of sorted) this.#tokens.set(token.id, entryOf({ ...token }));
    this.#nextId = Math.max(initial?.nextId ?? 1, (sorted.at(-1)?.id ?? 0) + 1);
  }

  /** The live (unexpired) tokens, newest first, filtered and paged like `GET /v1/tokens/`. */
  list(query: ListQuery): StoredToken[] {
    return this.#live()
      .reverse()
      .filter((token) => isOfKind(token, query.permanent))
      .slice(query.offset, query.offset + query.limit)
      .map((token) => ({ ...token }));
  }

  /** Creates a token; a temporary one expires 24 hours after now. @throws {PermanentTokenLimitError} */
  create(options: { permanent: boolean; key?: string }): StoredToken {
    if (options.permanent && this.permanentCount() >= MAX_PERMANENT_TOKENS) {
      throw new PermanentTokenLimitError();
    }
    const now = this.#now();
    const token: StoredToken = {
      id: this.#nextId,
      // 160 random bits never collide; a fixed key is only created when no live token has it (seedStore).
      key: options.key ?? randomBytes(20).toString("hex"),
      is_active: true,
      created: new Date(now).toISOString(),
      expires: options.permanent ? null : new Date(now + TEMPORARY_TOKEN_LIFETIME_MS).toISOString(),
    };
    this.#nextId += 1;
    this.#tokens.set(token.id, entryOf(token));
    this.#changed();
    return { ...token };
  }

  /** Finds a live token by id (a string of digits) or by key, as the path `/v1/tokens/{id_or_key}/` does. */
  find(idOrKey: string): StoredToken | undefined {
    const token = this.#find(idOrKey);
    return token && { ...token };
  }

  /** The token a request authenticated with `key` acts as: known, active and unexpired; else `undefined`. */
  authenticate(key: string): StoredToken | undefined {
    const now = this.#now();
    for (const { token, expiresAt } of this.#tokens.values()) {
      if (token.key === key) return token.is_active && expiresAt > now ? { ...token } : undefined;
    }
    return undefined;
  }

  /**
   * Activates or deactivates a live token; `undefined` when there is none with this id or key.
   * @throws {PermanentTokenLimitError} when activating a permanent token would make more than 5 active
   * ones (only possible with a state file written by a version that counted active tokens only).
   */
  setActive(idOrKey: string, isActive: boolean): StoredToken | undefined {
    const token = this.#find(idOrKey);
    if (!token) return undefined;
    const activating = isActive && !token.is_active && token.expires === null;
    if (activating && this.permanentCount(true) >= MAX_PERMANENT_TOKENS) throw new PermanentTokenLimitError();
    token.is_active = isActive;
    this.#changed();
    return { ...token };
  }

  /** Deletes a live token; `false` when there is none with this id or key. */
  delete(idOrKey: string): boolean {
    const token = this.#find(idOrKey);
    if (!token) return false;
    this.#tokens.delete(token.id);
    this.#changed();
    return true;
  }

  /**
   * Deletes many tokens like `DELETE /v1/tokens/`: `false` only temporary ones, `true` only permanent ones,
   * omitted every token, the caller's own included.
   */
  deleteMany(permanent?: boolean): void {
    for (const { token } of [...this.#tokens.values()]) {
      if (isOfKind(token, permanent)) this.#tokens.delete(token.id);
    }
    this.#changed();
  }

  /** A copy of the whole state, for saving. */
  snapshot(): StoreSnapshot {
    return { nextId: this.#nextId, tokens: [...this.#tokens.values()].map(({ token }) => ({ ...token })) };
  }

  /** How many permanent tokens there are, active or not; only active ones with `activeOnly`. */
  permanentCount(activeOnly = false): number {
    // Permanent tokens never expire, so no clock check is needed.
    return [...this.#tokens.values()].filter(
      ({ token }) => token.expires === null && (token.is_active || !activeOnly),
    ).length;
  }

  /** The live tokens, oldest first. */
  #live(): StoredToken[] {
    const now = this.#now();
    const live: StoredToken[] = [];
    for (const entry of this.#tokens.values()) if (entry.expiresAt > now) live.push(entry.token);
    return live;
  }

  #find(idOrKey: string): StoredToken | undefined {
    const byId = this.#tokens.get(idOf(idOrKey) ?? 0);
    if (byId && byId.expiresAt > this.#now()) return byId.token;
    return this.#live().find((token) => token.key === idOrKey);
  }

  /**
   * After every mutation: expired tokens are dropped (gone for good, so the saved file stays small), then
   * `onChange` gets a snapshot.
   */
  #changed(): void {
    const now = this.#now();
    for (const { token, expiresAt } of [...this.#tokens.values()]) {
      if (expiresAt <= now) this.#tokens.delete(token.id);
    }
    this.onChange?.(this.snapshot());
  }
}
