/**
 * The stateful tokens API as a function: a request in, an answer out, in memory, no HTTP. Prism calls it
 * in-process (after validating the request, and validates the answer), so one process serves the stateful
 * mode with one HTTP server. The state file, its lock and the seed are set up once by {@link openStatefulApi}.
 * @module
 */
import { json, respond } from "./operations.js";
import { type SeedOptions, seedStore, validateSeedOptions } from "./seed.js";
import { loadStateFile, removeStaleTemporaryFiles, saveStateFile } from "./state-file.js";
import { isProcessAlive, lockStateFile } from "./state-lock.js";
import { MAX_PERMANENT_TOKENS, type StoredToken, type StoreSnapshot, TokenStore } from "./store.js";

/**
 * A request to the in-memory API, as Prism hands it over: the raw (percent-encoded) path without the query;
 * a repeated query parameter is an array (the last one counts); header names in any case; the body parsed
 * (a JSON value, or the fields of a form such as the Python SDK's PATCH), `undefined` when there was none.
 */
export interface ApiRequest {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** The answer of the in-memory API; no `body` means none at all (204). Fresh objects the caller may keep. */
export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * Options of {@link openStatefulApi}: the seed, a state file loaded at start and saved after every change
 * (locked, `<statePath>.lock`, while the API is open), the clock, and where warnings go (`console.warn`).
 */
export interface StatefulApiOptions extends SeedOptions {
  statePath?: string;
  now?: () => number;
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
      ...(statePath === undefined
        ? {}
        : { ...loadState(statePath, warn), onChange: (snapshot) => save(statePath, snapshot) }),
    });
    const permanent = store.permanentCount();
    if (permanent > MAX_PERMANENT_TOKENS) {
      warn(
        `The state file ${statePath} holds ${permanent} permanent tokens, more than the ${MAX_PERMANENT_TOKENS} allowed: no permanent token can be created, nor activated beyond ${MAX_PERMANENT_TOKENS} active ones, until some are deleted.`,
      );
    }
    const { created, callerKey } = seedStore(store, options);
    seeding = false;
    if (statePath !== undefined && unsaved) save(statePath, unsaved);
    const seeded = Object.freeze(created.map((token) => Object.freeze(token)));
    return {
      callerKey,
      seeded,
      handle(request) {
        if (closed) return json(500, { detail: "The stateful API was closed." });
        try {
          return respond(store, request);
        } catch (error) {
          warn(`Internal error of the stateful mock: ${describe(error)}`);
          return json(500, { detail: "Internal error of the stateful mock." });
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
  return initial ? { initial } : {};
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
}
