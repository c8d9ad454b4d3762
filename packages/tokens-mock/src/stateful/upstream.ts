/**
 * The upstream of stateful mode: Prism as a validating proxy (`errors` on) in front of the stateful backend,
 * so every request and every answer of the backend is still checked against the spec.
 * @module
 */
import type { PrismLogger } from "../logger.js";
import { startPrismUpstream } from "../prism-upstream.js";
import type { Operation } from "../spec.js";
import type { Upstream } from "../upstream.js";
import { type StatefulBackend, type StatefulBackendOptions, startStatefulBackend } from "./backend.js";
import { requestViolationsAsServerError } from "./violations.js";

/** Options of {@link startStatefulUpstream}. */
export interface StatefulUpstreamOptions {
  /** The spec's operations, which Prism checks requests and responses against. */
  operations: Operation[];
  /** Prism's logger; the backend's warnings (a state file that cannot be saved) go there too. */
  logger: PrismLogger;
  /** Seed data, state file and clock of the backend (it always listens on a free loopback port). */
  backend: Omit<StatefulBackendOptions, "port" | "host" | "warn">;
}

/** The stateful upstream, with its backend exposed (its store and the key to show the user). */
export interface StatefulUpstream extends Upstream {
  /** The in-memory API behind Prism. */
  readonly backend: StatefulBackend;
}

/**
 * Starts the stateful backend on a free loopback port, then Prism proxying to it with `errors` on: a
 * response of the backend that breaks the spec becomes a 500 listing the violations instead of passing, and
 * so does a request that breaks it (which never reaches the backend).
 * @throws {StateFileError} when the state file is not a valid state (nothing is left running).
 */
export async function startStatefulUpstream(options: StatefulUpstreamOptions): Promise<StatefulUpstream> {
  const backend = await startStatefulBackend({
    ...options.backend,
    port: 0,
    host: "127.0.0.1",
    warn: (message) => options.logger.warn(message),
  });
  let prism: Upstream;
  try {
    prism = await startPrismUpstream({
      operations: options.operations,
      logger: options.logger,
      dynamic: false,
      seed: undefined,
      errors: true,
      proxy: new URL(backend.url),
      rewrite: requestViolationsAsServerError,
    });
  } catch (error) {
    await backend.close();
    throw error;
  }
  return {
    backend,
    // The wrapper refuses a malformed `Authorization` itself, with the same answer as in mock mode; the
    // backend then decides whether a well-formed key is known, active and unexpired.
    checksAuthorization: true,
    handle: (request, body, response) => prism.handle(request, body, response),
    async close() {
      await prism.close();
      await backend.close();
    },
  };
}
