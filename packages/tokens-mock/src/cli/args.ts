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
 * @throws {MockServerError} `INVALID_OPTION` for an unknown flag, a missing value or a bad port.
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  // `pnpm mock -- --port 5000` passes the `--` through; it means nothing here.
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(args).values;
  } catch (error) {
    throw new MockServerError("INVALID_OPTION", `${(error as Error).message} (see --help).`);
  }
  if (values.help === true) return { kind: "help" };
  const options: MockServerOptions = {
    port: values.port === undefined ? DEFAULT_CLI_PORT : parsePort(values.port),
    dynamic: values.dynamic === true,
    errors: values.errors === true,
    quiet: values.quiet === true,
    verbose: values.verbose === true,
    watch: values["no-watch"] !== true,
  };
  if (values.host !== undefined) options.host = values.host;
  if (values.seed !== undefined) options.seed = values.seed;
  if (values.proxy !== undefined) options.proxy = values.proxy;
  if (values.spec !== undefined) options.specPath = values.spec;
  if (values.stateful === true) options.stateful = true;
  if (values["seed-tokens"] !== undefined) options.seedTokens = parseSeedTokens(values["seed-tokens"]);
  if (values.token !== undefined) options.token = values.token;
  if (values.state !== undefined) options.statePath = values.state;
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

function parseSeedTokens(value: string): number {
  if (!/^\d+$/.test(value)) {
    throw new MockServerError("INVALID_OPTION", `Invalid --seed-tokens "${value}": expected an integer.`);
  }
  return Number(value);
}

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65_535) {
    throw new MockServerError(
      "INVALID_OPTION",
      `Invalid --port "${value}": expected an integer from 0 to 65535.`,
    );
  }
  return Number(value);
}
