import { parseArgs } from "node:util";
import { MockServerError } from "../errors.js";
import type { MockServerOptions } from "../options.js";

/** Port the CLI listens on when `--port` is not given (Prism's usual port). */
export const DEFAULT_CLI_PORT = 4010;

/** What the command line asks for: help, or a server with these options. */
export type CliCommand = { kind: "help" } | { kind: "serve"; options: MockServerOptions };

/** The `--help` text. */
export const USAGE = `Usage: neuroio-tokens-mock [options]

Serves a mock of the NeuroIO tokens API (the spec of @neuroio/tokens-spec) with Prism.

Options:
  --port N        Port to listen on (default ${DEFAULT_CLI_PORT}; 0 picks a free port)
  --host HOST     Interface to bind (default 127.0.0.1; 0.0.0.0 exposes the mock on the network)
  --dynamic       Generate bodies from the schemas instead of returning the spec's examples
  --seed S        Seed of the generated bodies: the same seed, the same bodies (implies --dynamic)
  --errors        Answer 500 when a mock response breaks the spec (Prism's --errors)
  --proxy URL     Validating proxy in front of a real server: answers come from URL,
                  spec violations are reported in the sl-violations header and on stderr
  --stateful      Remember what is done: an in-memory API (created tokens are listed, deleted
                  ones are gone, deactivated keys get 401), checked against the spec by Prism
  --seed-tokens N Stateful: tokens created at a fresh start (default 1; the first is permanent)
  --token KEY     Stateful: a fixed key that works at every start (a permanent token), for development
  --state FILE    Stateful: load the tokens from FILE and save them there after every change
  --spec FILE     Serve this OpenAPI document instead of @neuroio/tokens-spec
  --no-watch      Do not reload the spec when its file changes (by default a saved edit is
                  served at once; a broken one is reported and the last good spec kept)
  --quiet         Log nothing (by default each answered mistake is one line on stderr)
  --verbose       Also log every request and how it was answered (slower)
  -h, --help      Show this help
`;

/**
 * Parses the command line (without `node` and the script).
 * @throws {MockServerError} `INVALID_OPTION` for an unknown flag, a missing value or a bad number.
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let values: ReturnType<typeof parse>["values"];
  try {
    // `pnpm mock -- --port 5000` passes the `--` through; it means nothing here.
    values = parse(argv[0] === "--" ? argv.slice(1) : argv).values;
  } catch (error) {
    throw new MockServerError("INVALID_OPTION", `${(error as Error).message} (see --help).`);
  }
  if (values.help === true) return { kind: "help" };
  const seedTokens = values["seed-tokens"];
  const options: MockServerOptions = {
    port: values.port === undefined ? DEFAULT_CLI_PORT : integer("--port", values.port, 65_535),
    host: values.host,
    dynamic: values.dynamic === true,
    seed: values.seed,
    errors: values.errors === true,
    proxy: values.proxy,
    stateful: values.stateful === true,
    seedTokens: seedTokens === undefined ? undefined : integer("--seed-tokens", seedTokens),
    token: values.token,
    statePath: values.state,
    specPath: values.spec,
    quiet: values.quiet === true,
    verbose: values.verbose === true,
    watch: values["no-watch"] !== true,
  };
  return { kind: "serve", options };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      dynamic: { type: "boolean" },
      seed: { type: "string" },
      errors: { type: "boolean" },
      proxy: { type: "string" },
      spec: { type: "string" },
      // Node 20's parseArgs has no negated booleans: the off switch is its own flag.
      "no-watch": { type: "boolean" },
      quiet: { type: "boolean" },
      verbose: { type: "boolean" },
      stateful: { type: "boolean" },
      "seed-tokens": { type: "string" },
      token: { type: "string" },
      state: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** A flag's value that must be a decimal integer (at most `max`); the range beyond is `resolveOptions`'s. */
function integer(flag: string, value: string, max = Number.MAX_SAFE_INTEGER): number {
  if (/^\d{1,15}$/.test(value) && Number(value) <= max) return Number(value);
  const range = max === Number.MAX_SAFE_INTEGER ? "an integer" : `an integer from 0 to ${max}`;
  throw new MockServerError("INVALID_OPTION", `Invalid ${flag} "${value}": expected ${range}.`);
}
