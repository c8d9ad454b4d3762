import { MockServerError } from "./errors.js";
import {
  type ResolvedStatefulOptions,
  resolveStatefulOptions,
  type StatefulMockOptions,
} from "./stateful/options.js";

/** Options of {@link startMockServer}; every field is optional. */
export interface MockServerOptions extends StatefulMockOptions {
  /** TCP port to listen on; `0` (the default) picks a free port. The CLI defaults to 4010. */
  port?: number;
  /** Interface to bind; `127.0.0.1` unless asked. Use `0.0.0.0` only to expose the mock on the network. */
  host?: string;
  /** Generate response bodies from the schemas instead of returning the spec's named examples. */
  dynamic?: boolean;
  /** Seed of the generator: the same seed gives the same generated bodies run after run. Implies `dynamic`. */
  seed?: string;
  /**
   * Prism's `--errors`: a response of the mock that breaks the spec (a bad example) becomes a 500
   * problem+json instead of being sent. Contract tests turn it on so a broken spec fails them.
   */
  errors?: boolean;
  /** Put Prism's validating proxy in front of this real server instead of mocking (e.g. `https://iam.neuroio.com`). */
  proxy?: string;
  /** Log nothing. Otherwise spec violations are logged as warnings on stderr. */
  quiet?: boolean;
  /** Also log every request and how Prism answered it (Prism's `info` level; about halves throughput). */
  verbose?: boolean;
  /** The OpenAPI document to serve; defaults to the one of `@neuroio/tokens-spec`. */
  specPath?: string;
}

/** {@link MockServerOptions} after defaults are applied and values checked. */
export interface ResolvedMockServerOptions extends ResolvedStatefulOptions {
  port: number;
  host: string;
  dynamic: boolean;
  seed: string | undefined;
  errors: boolean;
  /** The upstream of proxy mode, or `undefined` in mock mode. */
  proxy: URL | undefined;
  quiet: boolean;
  verbose: boolean;
  specPath: string | undefined;
}

/** Host the mock binds to when none is given: loopback only, never every interface unless asked. */
export const DEFAULT_HOST = "127.0.0.1";

/**
 * Applies defaults and checks every option, so bad input fails before anything is started.
 * @throws {MockServerError} `INVALID_OPTION` naming the option and the value that is wrong.
 */
export function resolveOptions(options: MockServerOptions = {}): ResolvedMockServerOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new MockServerError(
      "INVALID_OPTION",
      `Invalid port ${String(port)}: expected an integer from 0 to 65535.`,
    );
  }
  const host = options.host ?? DEFAULT_HOST;
  if (host.trim() === "") {
    throw new MockServerError(
      "INVALID_OPTION",
      "Invalid host: expected a host name or IP address, got an empty string.",
    );
  }
  if (options.seed === "") {
    throw new MockServerError("INVALID_OPTION", "Invalid seed: expected a non-empty string.");
  }
  const stateful = resolveStatefulOptions(options);
  return {
    ...stateful,
    port,
    host,
    dynamic: options.dynamic === true || options.seed !== undefined,
    seed: options.seed,
    // Stateful mode always checks its own answers: a violation is a 500, never a silent pass.
    errors: options.errors === true || stateful.stateful,
    proxy: options.proxy === undefined ? undefined : parseProxyUrl(options.proxy),
    quiet: options.quiet === true,
    verbose: options.verbose === true && options.quiet !== true,
    specPath: options.specPath,
  };
}

/**
 * Parses the upstream URL of proxy mode: an absolute `http:` or `https:` URL.
 * @throws {MockServerError} `INVALID_OPTION` when it is anything else.
 */
export function parseProxyUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new MockServerError(
      "INVALID_OPTION",
      `Invalid proxy URL "${value}": expected an absolute http(s) URL such as https://iam.neuroio.com.`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new MockServerError(
      "INVALID_OPTION",
      `Invalid proxy URL "${value}": only http: and https: are supported, got ${url.protocol}`,
    );
  }
  return url;
}
