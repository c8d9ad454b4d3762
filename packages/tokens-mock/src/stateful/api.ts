/**
 * The stateful tokens API as a function: a request in, an answer out, in memory, no HTTP. Prism calls it
 * in-process (after validating the request, and validates the answer), so one process serves the stateful
 * mode with one HTTP server. The state file, its lock and the seed are set up once by {@link openStatefulApi}.
 * @module
 */
import { type ApiRequest, type ApiResponse, json, respond, unauthorized } from "./operations.js";
import { type SeedOptions, seedStore } from "./seed.js";
import { loadStateFile, lockStateFile, removeStaleTemporaryFiles, saveStateFile } from "./state-file.js";
import { MAX_PERMANENT_TOKENS, type StoreSnapshot, TokenStore } from "./store.js";

/** Options of {@link openStatefulApi}: the seed, a state file loaded at start and saved after every change, the clock. */
export interface StatefulApiOptions extends SeedOptions {
  statePath?: string | undefined;
  now?: (() => number) | undefined;
}

/** An open in-memory API. */
export interface StatefulApi {
  /**
   * Answers one request Prism has checked. A bug of the mock is a 500 `{detail}` (and a warning). After
   * {@link StatefulApi.close} every request is a 500: its changes could no longer be saved.
   */
  handle(request: ApiRequest): ApiResponse;
  /**
   * The 401 of a request whose key is not known, active and unexpired, or `undefined`: asked before a
   * request that breaks the spec is answered 400, so the order of the real API holds (credentials first).
   */
  unauthorized(request: ApiRequest): ApiResponse | undefined;
  /** A key that works now (the fixed token, else the first seeded, else an active one of the state file). */
  readonly callerKey: string | undefined;
  /** Releases the state file's lock; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Opens the API: locks the state file, removes temporary files a killed process left beside it, loads it,
 * seeds. The options were checked by `resolveOptions`.
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
  // Seeding saves once at the end, not once per token (a thousand seeded tokens would be a thousand saves).
  let seeding = true;
  let pending: StoreSnapshot | undefined;
  const save = (path: string, snapshot: StoreSnapshot) => {
    if (closed) return;
    if (seeding) {
      pending = snapshot;
      return;
    }
    try {
      saveStateFile(path, snapshot);
    } catch (error) {
      // The API keeps working from memory; the user learns the file is stale.
      warn(`Could not save the state file ${path}: ${(error as Error).message}`);
    }
  };
  try {
    const store = new TokenStore({
      now: options.now,
      ...(statePath === undefined
        ? {}
        : { initial: load(statePath, warn), onChange: (snapshot) => save(statePath, snapshot) }),
    });
    const permanent = store.permanentCount();
    if (permanent > MAX_PERMANENT_TOKENS) {
      warn(
        `The state file ${statePath} holds ${permanent} permanent tokens, more than the ${MAX_PERMANENT_TOKENS} allowed: no permanent token can be created, nor activated beyond ${MAX_PERMANENT_TOKENS} active ones, until some are deleted.`,
      );
    }
    const callerKey = seedStore(store, options);
    seeding = false;
    if (statePath !== undefined && pending) save(statePath, pending);
    return {
      callerKey,
      handle(request) {
        if (closed) return json(500, { detail: "The stateful API was closed." });
        try {
          return respond(store, request);
        } catch (error) {
          warn(
            `Internal error of the stateful mock: ${error instanceof Error ? `${error.name}: ${error.message}` : typeof error}`,
          );
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
  return loadStateFile(path);
}
