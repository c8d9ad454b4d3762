/**
 * Resolving `createTokensClient()` options: environment fallbacks, defaults and checks.
 * @module
 */
import { NeuroioError } from "./errors.js";
import type { FetchLike, TokensClientOptions } from "./types.js";
import { assertApiToken, assertBoolean, assertInteger, assertObject, assertTimeout } from "./validate.js";

/** The NeuroIO IAM service, which serves the tokens API. */
export const DEFAULT_BASE_URL = "https://iam.neuroio.com";
/** Milliseconds each attempt may take by default. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Retries of idempotent calls by default. */
export const DEFAULT_MAX_RETRIES = 2;

/** Hosts a plain `http:` URL may point to without `allowInsecureHttp`: the token never leaves the machine. */
const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** The options with every default applied and every check passed. */
export interface ResolvedOptions {
  apiToken: string;
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  fetch: FetchLike | undefined;
  headers: Headers;
}

/** Reads an environment variable where `process.env` exists (Node, Bun, Deno); `undefined` in browsers. */
export function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.[name] || undefined;
}

/** Applies the defaults and environment fallbacks and checks everything; throws `NeuroioError` on bad input. */
export function resolveOptions(options: TokensClientOptions = {}): ResolvedOptions {
  assertObject(options, "options");
  const apiToken = options.apiToken ?? readEnv("NEUROIO_API_TOKEN");
  assertApiToken(apiToken);
  assertTimeout(options.timeoutMs);
  assertInteger(options.maxRetries, "maxRetries", 0);
  assertBoolean(options.allowInsecureHttp, "allowInsecureHttp");
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new NeuroioError(`fetch must be a function, got ${typeof options.fetch}`);
  }
  return {
    apiToken,
    baseUrl: resolveBaseUrl(
      options.baseUrl ?? readEnv("NEUROIO_BASE_URL") ?? DEFAULT_BASE_URL,
      options.allowInsecureHttp === true,
    ),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    fetch: options.fetch,
    headers: buildHeaders(options.headers),
  };
}

/**
 * Checks that `value` is an absolute http(s) URL without credentials, query or fragment, and that plain
 * `http:` only goes to loopback unless allowed; returns it without a trailing slash.
 */
export function resolveBaseUrl(value: unknown, allowInsecureHttp: boolean): string {
  if (typeof value !== "string" || value === "") {
    throw new NeuroioError(`baseUrl must be an absolute http(s) URL string, got ${typeof value}`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new NeuroioError(`baseUrl must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new NeuroioError(`baseUrl must use http: or https:, got ${url.protocol}`);
  }
  if (url.username || url.password) throw new NeuroioError("baseUrl must not contain credentials");
  if (url.search || url.hash) throw new NeuroioError("baseUrl must not contain a query or a fragment");
  if (url.protocol === "http:" && !allowInsecureHttp && !LOOPBACK.test(url.hostname)) {
    throw new NeuroioError(
      `baseUrl uses plain http: to ${url.hostname}, which would send the API token in clear text; ` +
        "use https:, or pass allowInsecureHttp: true if you mean it",
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** The default headers as a `Headers` object, so a bad name or value is reported now, not on the first call. */
function buildHeaders(headers: Record<string, string> | undefined): Headers {
  assertObject(headers, "headers");
  try {
    // No default `Accept`: the API only speaks JSON, and one header less is measurably cheaper per call.
    return new Headers(headers);
  } catch {
    throw new NeuroioError("headers must map valid header names to valid header values");
  }
}
