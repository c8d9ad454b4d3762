/**
 * The options of stateful mode in `startMockServer`, and their checks.
 * @module
 */
import { MockServerError } from "../errors.js";
import { validateSeedOptions } from "./seed.js";
import type { Clock } from "./store.js";

/** The stateful-mode fields of `MockServerOptions`. */
export interface StatefulMockOptions {
  /**
   * Serve an in-memory implementation of the API that remembers what was done (created tokens are listed,
   * deleted ones are gone, deactivated keys get 401), with Prism in front as a validating proxy: any request
   * or response that breaks the spec is answered 500 with the violations listed. Not with `dynamic`,
   * `seed` or `proxy`.
   */
  stateful?: boolean;
  /**
   * Stateful mode: how many tokens to create at a fresh start (the first permanent, the others temporary).
   * Default 1 when no `token` is given, else 0.
   */
  seedTokens?: number;
  /** Stateful mode: a fixed key that always works (a permanent token), so a frontend can hard-code it. */
  token?: string;
  /** Stateful mode: a JSON file the tokens are loaded from at start and saved to after every change. */
  statePath?: string;
  /** Stateful mode: the clock (ms since the epoch, like `Date.now`), so tests can make tokens expire. */
  now?: Clock;
}

/** The CLI flag of each stateful option, so one message serves both ways of starting the mock. */
const CLI_FLAGS = {
  seedTokens: "--seed-tokens",
  token: "--token",
  statePath: "--state",
  now: "no flag",
} as const;

/** {@link StatefulMockOptions} after checks; `stateful: false` leaves the others unset. */
export interface ResolvedStatefulOptions {
  stateful: boolean;
  seedTokens: number | undefined;
  token: string | undefined;
  statePath: string | undefined;
  now: Clock | undefined;
}

/**
 * Checks the stateful options together with the modes they exclude.
 * @throws {MockServerError} `INVALID_OPTION` naming what is wrong (a key is never quoted).
 */
export function resolveStatefulOptions(
  options: StatefulMockOptions & { dynamic?: boolean; seed?: string; proxy?: string },
): ResolvedStatefulOptions {
  const stateful = options.stateful === true;
  const given = (["seedTokens", "token", "statePath", "now"] as const).filter(
    (name) => options[name] !== undefined,
  );
  if (!stateful) {
    const name = given[0];
    if (name !== undefined) {
      throw new MockServerError(
        "INVALID_OPTION",
        `Invalid option ${name} (${CLI_FLAGS[name]}): it needs stateful: true (--stateful).`,
      );
    }
    return { stateful, seedTokens: undefined, token: undefined, statePath: undefined, now: undefined };
  }
  const conflict = (["dynamic", "seed", "proxy"] as const).find(
    (name) => options[name] !== undefined && options[name] !== false,
  );
  if (conflict) {
    throw new MockServerError(
      "INVALID_OPTION",
      `Invalid option ${conflict}: stateful mode answers from its own state, not with ${conflict}.`,
    );
  }
  try {
    validateSeedOptions(options);
  } catch (error) {
    throw new MockServerError("INVALID_OPTION", `Invalid option: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (options.statePath !== undefined && options.statePath.trim() === "") {
    throw new MockServerError(
      "INVALID_OPTION",
      "Invalid option statePath: expected a file path, got an empty string.",
    );
  }
  return {
    stateful,
    seedTokens: options.seedTokens,
    token: options.token,
    statePath: options.statePath,
    now: options.now,
  };
}
