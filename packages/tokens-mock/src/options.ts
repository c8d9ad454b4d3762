import { MockServerError } from "./errors.js";
import { maskSecrets } from "./server/log.js";

/** Options of {@link startMockServer}; every field is optional. */
export interface MockServerOptions {
  /** TCP port to listen on; `0` (the default) picks a free port. The CLI defaults to 4010. */
  port?: number;
  /** Interface to bind; `127.0.0.1` unless asked. Use `0.0.0.0` only to expose the mock on the network. */
  host?: string;
  /** Generate response bodies from the schemas instead of returning the spec's named examples. */
  dynamic?: boolean;
  /** Seed of the generator: the same seed gives the same generated bodies run after run. Implies `dynamic`. */
  seed?: string;
  /**
   * A response of the mock that breaks the spec (a bad example, a bad answer of the proxied server) becomes a
   * 500 problem+json instead of being sent. Contract tests turn it on so a broken spec fails them. Always
   * on in stateful mode; in proxy mode it also makes a request that breaks the spec be refused, not sent.
   */
  errors?: boolean;
  /** Put a validating proxy in front of this real server instead of mocking (e.g. `https://iam.neuroio.com`). */
  proxy?: string;
  /**
   * Serve an in-memory implementation of the API that remembers what was done (created tokens are listed,
   * deleted ones are gone, deactivated keys get 401), every request and answer checked against the spec.
   * Not with `dynamic`, `seed` or `proxy`.
   */
  stateful?: boolean;
  /** Stateful mode: how many tokens to create at a fresh start (the first permanent). Default 1, or 0 with `token`. */
  seedTokens?: number;
  /** Stateful mode: a fixed key that works at every start (a permanent token), so a frontend can hard-code it. */
  token?: string;
  /** Stateful mode: a JSON file the tokens are loaded from at start and saved to after every change. */
  statePath?: string;
  /** Stateful mode: the clock (ms since the epoch, like `Date.now`), so tests can make tokens expire. */
  now?: () => number;
  /** Log nothing. Otherwise every answered mistake is one line on stderr. */
  quiet?: boolean;
  /** Also log every request and how it was answered (slower). */
  verbose?: boolean;
  /** The OpenAPI document to serve; defaults to the one of `@neuroio/tokens-spec`. */
  specPath?: string;
  /**
   * Reload the spec when its file changes (the CLI's default; off by default from code, so tests stay
   * deterministic). A broken edit is logged and the last good spec keeps being served.
   */
  watch?: boolean;
}

/**
 * Where the mock's log lines go (stderr by default); each line is complete, without a newline. Its own type
 * here so the package's public declarations never import Prism's logger types (pino ships none).
 */
export type LogSink = (line: string) => void;

/** How the mock answers: the spec's examples, generated bodies, a real server behind it, or its own state. */
export type MockMode = "examples" | "dynamic" | "proxy" | "stateful";

/**
 * {@link MockServerOptions} after defaults are applied and values checked once: one `mode`, the upstream of
 * proxy mode as a URL, `errors` always on in stateful mode; the stateful fields are set in that mode only.
 */
export interface ResolvedMockServerOptions
  extends Pick<MockServerOptions, "seed" | "seedTokens" | "token" | "statePath" | "now" | "specPath"> {
  mode: MockMode;
  port: number;
  host: string;
  errors: boolean;
  proxy: URL | undefined;
  quiet: boolean;
  verbose: boolean;
  watch: boolean;
}

/** The CLI flag of each stateful-only option, so one message serves both ways of starting the mock. */
const STATEFUL_ONLY = { seedTokens: "--seed-tokens", token: "--token", statePath: "--state", now: "no flag" };

/**
 * Applies defaults and checks every option, once, so bad input fails before anything is started.
 * @throws {MockServerError} `INVALID_OPTION` naming the option and the value that is wrong (never a key or a
 * password).
 */
export function resolveOptions(options: MockServerOptions = {}): ResolvedMockServerOptions {
  const { port = 0, host = "127.0.0.1", seed, proxy } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw invalid(`Invalid port ${String(port)}: expected an integer from 0 to 65535.`);
  }
  if (host.trim() === "")
    throw invalid("Invalid host: expected a host name or IP address, got an empty string.");
  if (seed === "") throw invalid("Invalid seed: expected a non-empty string.");
  const dynamic = options.dynamic === true || seed !== undefined;
  const mode =
    options.stateful === true ? "stateful" : proxy !== undefined ? "proxy" : dynamic ? "dynamic" : "examples";
  const conflict = (["dynamic", "seed", "proxy"] as const).find(
    (name) => options[name] !== undefined && options[name] !== false,
  );
  if (mode === "stateful" && conflict) {
    throw invalid(
      `Invalid option ${conflict}: stateful mode answers from its own state, not with ${conflict}.`,
    );
  }
  const statefulOnly = (Object.keys(STATEFUL_ONLY) as (keyof typeof STATEFUL_ONLY)[]).find(
    (name) => options[name] !== undefined,
  );
  if (mode !== "stateful" && statefulOnly) {
    const flag = STATEFUL_ONLY[statefulOnly];
    throw invalid(`Invalid option ${statefulOnly} (${flag}): it needs stateful: true (--stateful).`);
  }
  if (mode === "proxy" && dynamic) {
    throw invalid("Invalid option dynamic: proxy mode answers from the real server, not generated bodies.");
  }
  if (mode === "stateful") checkStateful(options);
  return {
    mode,
    port,
    host,
    seed,
    errors: options.errors === true || mode === "stateful",
    proxy: proxy === undefined ? undefined : parseProxyUrl(proxy),
    seedTokens: options.seedTokens,
    token: options.token,
    statePath: options.statePath,
    now: options.now,
    quiet: options.quiet === true,
    verbose: options.verbose === true && options.quiet !== true,
    specPath: options.specPath,
    watch: options.watch === true,
  };
}

/** The stateful options: how many tokens to seed, a fixed key that fits in a URL path, a state file path. */
function checkStateful({ seedTokens, token, statePath }: MockServerOptions): void {
  if (
    seedTokens !== undefined &&
    !(Number.isSafeInteger(seedTokens) && seedTokens >= 0 && seedTokens <= 1000)
  ) {
    throw invalid(
      `Invalid option seedTokens: expected an integer from 0 to 1000, got ${String(seedTokens)}.`,
    );
  }
  // The key goes into URL paths (`/v1/tokens/{key}/`): unreserved characters need no encoding anywhere; all
  // digits would read as an id, "." and ".." as path segments. It is a secret: never quoted.
  if (token !== undefined && !/^(?!\d+$|\.\.?$)[A-Za-z0-9._~-]{1,256}$/.test(token)) {
    throw invalid(
      'Invalid option token: expected 1 to 256 of the characters A-Z a-z 0-9 . _ ~ - (it is sent in URL paths), not all digits (that is an id), not "." or "..".',
    );
  }
  if (statePath?.trim() === "")
    throw invalid("Invalid option statePath: expected a file path, got an empty string.");
}

/**
 * Parses the upstream URL of proxy mode: an absolute `http:` or `https:` URL. A password in it is masked in
 * the error.
 */
function parseProxyUrl(value: string): URL {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url?.protocol === "http:" || url?.protocol === "https:") return url;
  throw invalid(
    url === undefined
      ? `Invalid proxy URL "${maskSecrets(value)}": expected an absolute http(s) URL such as https://iam.neuroio.com.`
      : `Invalid proxy URL "${maskSecrets(value)}": only http: and https: are supported, got ${url.protocol}`,
  );
}

function invalid(message: string): MockServerError {
  return new MockServerError("INVALID_OPTION", message);
}
