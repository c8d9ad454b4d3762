/**
 * Starts the stateful tokens API as a plain `node:http` server: the backend that Prism fronts as a
 * validating proxy in stateful mode, also usable on its own.
 * @module
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { close } from "../server/listen.js";
import { createStatefulHandler } from "./handler.js";
import { type SeedOptions, seedStore, validateSeedOptions } from "./seed.js";
import { loadStateFile, saveStateFile } from "./state-file.js";
import { type Clock, type StoredToken, TokenStore } from "./store.js";

/** Options of {@link startStatefulBackend}. */
export interface StatefulBackendOptions extends SeedOptions {
  /** Port to listen on; `0` (the default) picks a free one. */
  port?: number;
  /** Interface to bind; `127.0.0.1` by default. */
  host?: string;
  /**
   * A JSON file holding the tokens: loaded at start when it exists, saved after every change. A file that
   * is not a valid state makes the start fail with a `StateFileError` and is left untouched.
   */
  statePath?: string;
  /** The clock (milliseconds since the epoch); `Date.now` by default. */
  now?: Clock;
  /** Where warnings go (a state file that could not be saved); `console.warn` by default. */
  warn?: (message: string) => void;
}

/** A running stateful backend. */
export interface StatefulBackend {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** The store, for tests and tools that want to look inside. */
  store: TokenStore;
  /** A key that works now (see `SeedResult.callerKey`); `undefined` when the store holds no active token. */
  callerKey: string | undefined;
  /** The tokens seeding created at start. */
  seeded: StoredToken[];
  /** Stops listening, ends open connections and resolves when the port is free. */
  close(): Promise<void>;
}

/**
 * Loads the state (if any), seeds, and listens. Resolves once the server accepts connections.
 * @throws {StateFileError} when `statePath` names a file that is not a valid state.
 * @throws {TypeError} for invalid seed options.
 */
export async function startStatefulBackend(options: StatefulBackendOptions = {}): Promise<StatefulBackend> {
  validateSeedOptions(options);
  const { statePath } = options;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const initial = statePath === undefined ? undefined : loadStateFile(statePath);
  const store = new TokenStore({
    ...(options.now ? { now: options.now } : {}),
    ...(initial ? { initial } : {}),
    ...(statePath === undefined
      ? {}
      : {
          onChange: (snapshot) => {
            try {
              saveStateFile(statePath, snapshot);
            } catch (error) {
              // The API keeps working from memory; the user learns the file is stale.
              warn(`Could not save the state file ${statePath}: ${(error as Error).message}`);
            }
          },
        }),
  });
  const { created, callerKey } = seedStore(store, options);
  const server = createServer(createStatefulHandler(store));
  const url = await listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
  return {
    url,
    store,
    callerKey,
    seeded: created,
    close: () => close(server),
  };
}

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address() as AddressInfo;
      const printableHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
      resolve(`http://${printableHost}:${address.port}`);
    });
  });
}
