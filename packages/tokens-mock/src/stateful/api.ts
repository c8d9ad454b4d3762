/**
 * The stateful tokens API as a function: a request in, an answer out, in memory, no HTTP. Prism calls it
 * in-process (after validating the request, and validates the answer), so one process serves the stateful
 * mode with one HTTP server. The state file, its lock and the seed are set up once by {@link openStatefulApi}.
 * @module
 */
import { respond } from "./operations.js";
import { seedStore, validateSeedOptions } from "./seed.js";
import { loadStateFile, removeStaleTemporaryFiles, saveStateFile } from "./state-file.js";
import { isProcessAlive, lockStateFile } from "./state-lock.js";
import { MAX_PERMANENT_TOKENS, type StoredToken, type StoreSnapshot, TokenStore } from "./store.js";

/** A request to the in-memory API, as Prism hands it over (body already parsed). */
export interface ApiRequest {
  /** The HTTP method, any case. */
  method: string;
  /** The raw request path, percent-encoded, without the query (`/v1/tokens/abc%2Fdef/`). */
  path: string;
  /** The query parameters; a repeated one is an array of its values (the last one counts). */
  query: Record<string, string | string[] | undefined>;
  /** The request headers; names in any case (Node's lower-case ones are found first). */
  headers: Record<string, string | string[] | undefined>;
  /**
   * The parsed body: a JSON value, or the fields of a form (`{ is_active: "false" }` from the Python SDK's
   * form-encoded PATCH); `undefined` when the request had no body.
   */
  body: unknown;
}

/** The answer of the in-memory API. */
export interface ApiResponse {
  /** The HTTP status. */
  status: number;
  /** Headers to send (`content-type` when there is a body, `www-authenticate` of a 401, `allow` of a 405). */
  headers?: Record<string, string>;
  /** The JSON body; `undefined` means no body at all (204). Fresh objects: the caller may keep or change them. */
  body?: unknown;
}

/** Options of {@link openStatefulApi}. */
export interface StatefulApiOptions {
  /**
   * How many tokens to create when the store holds no live token (a fresh start, or a state file whose
   * tokens all expired): the first permanent, the others temporary. Default 1 without `token`, else 0.
   */
  seedTokens?: number;
  /** A fixed key that always works (a permanent token, created or activated again at start). */
  token?: string;
  /**
   * A JSON file holding the tokens: loaded at start when it exists, saved after every change. It is locked
   * (`<statePath>.lock`) while the API is open, so a second process cannot use it at the same time.
   */
  statePath?: string;
  /** The clock (milliseconds since the epoch); `Date.now` by default. */
  now?: () => number;
  /** Where warnings go (a state file that could not be saved, stale files removed); `console.warn` by default. */
  warn?: (message: string) => void;
}

/** An open in-memory API. */
export interface StatefulApi {
  /**
   * Answers one request. Never throws, whatever the input: a bug of the mock is a 500 `{detail}` (and a
   * warning). After {@link StatefulApi.close} every request is a 500: its changes could no longer be saved.
   */
  handle(request: ApiRequest): ApiResponse;
  /** A key that works now (the fixed token, else the first seeded, else an active one of the state file). */
  readonly callerKey: string | undefined;
  /** The tokens seeding created at start. */
  readonly seeded: readonly StoredToken[];
  /** Releases the state file's lock; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Opens the API: checks the seed options, locks and loads the state file (removing temporary files a
 * killed process left beside it), seeds.
 * @throws {TypeError} for invalid seed options.
 * @throws {StateFileLockedError} when another live process uses the state file (its PID is named).
 * @throws {StateFileError} when the state file is not a valid state (it is left untouched).
 * @throws {Error} when the fixed `token` does not fit under the permanent-token limit.
 */
export async function openStatefulApi(options: StatefulApiOptions): Promise<StatefulApi> {
  validateSeedOptions(options);
  const sink = options.warn ?? ((message: string) => console.warn(message));
  const warn = (message: string): void => {
    try {
      sink(message);
    } catch {
      // A warning that cannot be written must not turn an answer into a throw.
    }
  };
  const { statePath } = options;
  const lock = statePath === undefined ? undefined : await lockStateFile(statePath);
  let closed = false;
  // Seeding saves once at the end, not once per token (a thousand seeded tokens would be a thousand saves).
  let seeding = true;
  let unsaved: StoreSnapshot | undefined;
  try {
    const store = new TokenStore({
      ...(options.now ? { now: options.now } : {}),
      ...(statePath === undefined ? {} : loadState(statePath, warn)),
      ...(statePath === undefined
        ? {}
        : { onChange: (snapshot: StoreSnapshot) => save(statePath, snapshot) }),
    });
    const { created, callerKey } = seedStore(store, options);
    seeding = false;
    if (statePath !== undefined && unsaved) save(statePath, unsaved);
    const seeded = Object.freeze(created.map((token) => Object.freeze(token)));
    return {
      callerKey,
      seeded,
      handle(request) {
        if (closed) return internalError("The stateful API was closed.");
        try {
          return respond(store, request);
        } catch (error) {
          warn(`Internal error of the stateful mock: ${describe(error)}`);
          return internalError("Internal error of the stateful mock.");
        }
      },
      async close() {
        closed = true;
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }

  function save(path: string, snapshot: StoreSnapshot): void {
    if (closed) return;
    if (seeding) {
      unsaved = snapshot;
      return;
    }
    try {
      saveStateFile(path, snapshot);
    } catch (error) {
      // The API keeps working from memory; the user learns the file is stale.
      warn(`Could not save the state file ${path}: ${(error as Error).message}`);
    }
  }
}

/** Cleans up after a killed process, then loads the file (a missing one is a fresh start). */
function loadState(path: string, warn: (message: string) => void): { initial?: StoreSnapshot } {
  const removed = removeStaleTemporaryFiles(path, isProcessAlive);
  if (removed.length > 0) {
    warn(
      `Removed ${removed.length} temporary file(s) of ${path} left by a process that was killed while saving.`,
    );
  }
  const initial = loadStateFile(path);
  if (!initial) return {};
  const permanent = initial.tokens.filter((token) => token.expires === null).length;
  if (permanent > MAX_PERMANENT_TOKENS) {
    warn(
      `The state file ${path} holds ${permanent} permanent tokens, more than the ${MAX_PERMANENT_TOKENS} allowed: no permanent token can be created, nor activated beyond ${MAX_PERMANENT_TOKENS} active ones, until some are deleted.`,
    );
  }
  return { initial };
}

function internalError(detail: string): ApiResponse {
  return { status: 500, headers: { "content-type": "application/json" }, body: { detail } };
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error;
}
