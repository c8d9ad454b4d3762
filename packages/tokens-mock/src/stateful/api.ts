/**
 * The stateful tokens API as a function: a request in, an answer out, in memory, no HTTP. Prism calls it
 * in-process as its `forward` component, after the front checked the request's form (`Authorization`, path,
 * method, media type) and Prism its parameters and body against the spec; Prism then checks the answer.
 * What neither can know is decided here: whether the key is known, active and unexpired (401), whether the
 * id or key exists (404), the permanent-token limit (400), and the query read as DRF reads it (params.ts).
 * The state file, its lock and the seed are set up once by {@link openStatefulApi}.
 * @module
 */
import { MockServerError } from "../errors.js";
import type { MockServerOptions } from "../options.js";
import { formFields, type PrismInput, type PrismOutput } from "../prism/forward.js";
import { AUTHENTICATE_CHALLENGE, INVALID_TOKEN, parseAuthorization } from "./auth.js";
import { parseDeleteFilter, parseListQuery, parseUpdateBody } from "./params.js";
import { bodyFields } from "./request-body.js";
import { loadStateFile, lockStateFile, removeStaleTemporaryFiles, saveStateFile } from "./state-file.js";
import { MAX_PERMANENT_TOKENS, PermanentTokenLimitError, type StoreSnapshot, TokenStore } from "./store.js";

/** What {@link openStatefulApi} reads of the options (see `MockServerOptions`, checked by `resolveOptions`). */
export type StatefulApiOptions = Pick<MockServerOptions, "seedTokens" | "token" | "statePath" | "now">;

/** An open in-memory API. */
export interface StatefulApi {
  /**
   * Answers one request as Prism hands it to `forward` after checking it: the raw (percent-encoded) path of
   * `/v1/tokens/` or `/v1/tokens/{token_id_or_key}/`, lower-case header names, the body parsed from JSON or,
   * for a form (the Python SDK's PATCH), its text. The answer is fresh objects; no `body` means none (204).
   * A bug of the mock is a 500 `{detail}` (and a warning). After {@link StatefulApi.close} every request is
   * a 500: its changes could no longer be saved.
   */
  handle(request: PrismInput): PrismOutput;
  /**
   * The 401 of a request whose key is not known, active and unexpired, or `undefined`: the front asks it
   * before answering a request that breaks the spec, so the order of the real API holds (credentials first).
   */
  unauthorized(request: PrismInput): PrismOutput | undefined;
  /** A key that works now (the fixed token, else the first seeded, else an active one of the state file). */
  readonly callerKey: string | undefined;
  /** Releases the state file's lock; safe to call twice. */
  close(): Promise<void>;
}

const COLLECTION_PATH = "/v1/tokens/";

/**
 * Opens the API: locks the state file, removes temporary files a killed process left beside it, loads it,
 * seeds, saves.
 * @param warn Where warnings go: a state file that cannot be saved, a bug of the mock.
 * @throws {MockServerError} `STATE_FILE_UNUSABLE` when another live process uses the state file (its PID is
 * named), when it is not a valid state (it is left untouched), or when the fixed `token` does not fit.
 */
export async function openStatefulApi(
  options: StatefulApiOptions,
  warn: (message: string) => void,
): Promise<StatefulApi> {
  const { statePath } = options;
  const release = statePath === undefined ? undefined : await lockStateFile(statePath);
  let closed = false;
  try {
    const store = new TokenStore(options.now, statePath === undefined ? undefined : load(statePath, warn));
    const callerKey = seedStore(store, options);
    if (statePath !== undefined) {
      const save = (snapshot: StoreSnapshot) => {
        try {
          if (!closed) saveStateFile(statePath, snapshot);
        } catch (error) {
          // The API keeps working from memory; the user learns the file is stale.
          warn(`Could not save the state file ${statePath}: ${(error as Error).message}`);
        }
      };
      // Attached after seeding, so seeding saves once, not once per token.
      save(store.snapshot());
      store.onChange = save;
    }
    return {
      callerKey,
      handle(request) {
        if (closed) return json(500, { detail: "The stateful API was closed." });
        try {
          return respond(store, request);
        } catch (error) {
          const what = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
          warn(`Internal error of the stateful mock: ${what}`);
          return json(500, { detail: "Internal error of the stateful mock." });
        }
      },
      unauthorized: (request) => unauthorized(store, request),
      async close() {
        closed = true;
        release?.();
      },
    };
  } catch (error) {
    release?.();
    throw error;
  }
}

/** Cleans up after a killed process, then loads the file (a missing one is a fresh start). */
function load(path: string, warn: (message: string) => void): StoreSnapshot | undefined {
  const removed = removeStaleTemporaryFiles(path);
  if (removed > 0) {
    warn(`Removed ${removed} temporary file(s) of ${path} left by a process that was killed while saving.`);
  }
  const snapshot = loadStateFile(path);
  const permanent = snapshot?.tokens.filter((token) => token.expires === null).length ?? 0;
  if (permanent > MAX_PERMANENT_TOKENS) {
    warn(
      `The state file ${path} holds ${permanent} permanent tokens, more than the ${MAX_PERMANENT_TOKENS} allowed: no permanent token can be created, nor activated beyond ${MAX_PERMANENT_TOKENS} active ones, until some are deleted.`,
    );
  }
  return snapshot;
}

function respond(store: TokenStore, request: PrismInput): PrismOutput {
  const refused = unauthorized(store, request);
  if (refused) return refused;
  const { path, query = {} } = request.url;
  const method = request.method.toUpperCase();
  if (path === COLLECTION_PATH) {
    if (method === "POST") {
      return withFields(request, (fields) =>
        json(201, store.create({ permanent: fields.permanent === true })),
      );
    }
    if (method === "GET") {
      const parsed = parseListQuery(query);
      return parsed.ok ? json(200, store.list(parsed.value)) : json(400, parsed.errors);
    }
    const permanent = parseDeleteFilter(query);
    if (!permanent.ok) return json(400, permanent.errors);
    store.deleteMany(permanent.value);
    return { statusCode: 204 };
  }
  // The front routed the path and checked that it decodes.
  const idOrKey = decodeURIComponent(path.slice(COLLECTION_PATH.length, -1));
  if (method === "GET") {
    const token = store.find(idOrKey);
    return token ? json(200, token) : notFound();
  }
  if (method === "DELETE") return store.delete(idOrKey) ? { statusCode: 204 } : notFound();
  return withFields(request, (fields) => {
    const update = parseUpdateBody(fields);
    if (!update.ok) return json(400, update.errors);
    const token = store.setActive(idOrKey, update.value.is_active);
    return token ? json(200, token) : notFound();
  });
}

function unauthorized(store: TokenStore, request: PrismInput): PrismOutput | undefined {
  const auth = parseAuthorization(request.headers?.authorization);
  if (auth.ok && store.authenticate(auth.key)) return undefined;
  const detail = auth.ok ? INVALID_TOKEN : auth.detail;
  return json(401, { detail }, { "www-authenticate": AUTHENTICATE_CHALLENGE });
}

/**
 * Acts on the body's fields. JSON `null` (which Prism lets through, the body being optional) and a request
 * over the permanent-token limit are 400s.
 */
function withFields(
  request: PrismInput,
  act: (fields: Readonly<Record<string, unknown>>) => PrismOutput,
): PrismOutput {
  // A form arrives as its text: read as examples mode reads it (formFields, then its last values).
  const { body } = request;
  const contentType = request.headers?.["content-type"];
  const fields = bodyFields(contentType, typeof body === "string" ? formFields(body) : body);
  if (!fields.ok) return json(400, { detail: fields.detail });
  try {
    return act(fields.fields);
  } catch (error) {
    if (error instanceof PermanentTokenLimitError) return json(400, { detail: error.message });
    throw error;
  }
}

function json(status: number, body: unknown, headers?: Record<string, string>): PrismOutput {
  return { statusCode: status, headers: { "content-type": "application/json", ...headers }, body };
}

function notFound(): PrismOutput {
  return json(404, { detail: "Not found." });
}

/**
 * Seeds `store`: `seedTokens` tokens when it holds no live token (a fresh start, or a state file whose tokens
 * all expired), the first permanent so its key keeps working (default 1 without `token`, else 0); the fixed
 * `token`, created as a permanent token when missing and activated again when deactivated (during a run it
 * is a token like any other). Returns a key that works now: the fixed token, else the first seeded one, else
 * the oldest active permanent one (the one seeding made first, so a restart on a state file shows the key
 * the user saw last time), else the newest active one (the one that lives longest).
 * @throws {MockServerError} `STATE_FILE_UNUSABLE` when the fixed token does not fit under the permanent-token limit.
 */
export function seedStore(store: TokenStore, { seedTokens, token }: StatefulApiOptions): string | undefined {
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
