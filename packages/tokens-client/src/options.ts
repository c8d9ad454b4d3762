/**
 * Resolving `createTokensClient()` options: environment fallbacks, defaults and checks.
 * @module
 */
import type { FetchLike, TokensClientOptions } from "./types.js";
import {
  assertApiToken,
  assertBoolean,
  assertInteger,
  assertObject,
  assertTimeout,
  fail,
} from "./validate.js";

/** The options with every default applied and every check passed. */
export interface ResolvedOptions {
  apiToken: string;
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  maxResponseBytes: number;
  fetch: FetchLike | undefined;
  headers: Headers;
}

/** The part of a runtime's globals `readEnv` looks at (a parameter so tests can pass a runtime of their own). */
export interface EnvRuntime {
  process?: { env?: Record<string, string | undefined> };
}

/**
 * Reads an environment variable where `process.env` exists (Node, Bun, Deno); `undefined` in browsers and
 * workers. Never throws: a runtime that denies the read (Deno without `--allow-env`, whose `process.env` throws
 * `NotCapable`) is treated as one where the variable is unset.
 */
export function readEnv(name: string, runtime: EnvRuntime = globalThis as EnvRuntime): string | undefined {
  try {
    return runtime.process?.env?.[name] || undefined;
  } catch {
    // denied: the same as unset
  }
}

/** Applies the defaults and environment fallbacks and checks everything; throws `NeuroioError` on bad input. */
export function resolveOptions(options: TokensClientOptions = {}): ResolvedOptions {
  assertObject(options, "options");
  const {
    timeoutMs = 10_000,
    maxRetries = 2,
    maxResponseBytes = 8 * 2 ** 20,
    fetch,
    headers,
    allowInsecureHttp,
  } = options;
  const apiToken = options.apiToken ?? readEnv("NEUROIO_API_TOKEN");
  assertApiToken(apiToken);
  assertTimeout(timeoutMs);
  assertInteger(maxRetries, "maxRetries", 0);
  assertInteger(maxResponseBytes, "maxResponseBytes", 1);
  assertBoolean(allowInsecureHttp, "allowInsecureHttp");
  if (fetch !== undefined && typeof fetch !== "function")
    fail("fetch", `must be a function, got ${typeof fetch}`);
  assertObject(headers, "headers");
  let defaults: Headers;
  try {
    // A `Headers` object now, so a bad name or value is reported here, not on the first call. No default
    // `Accept`: the API only speaks JSON, and one header less is measurably cheaper per call.
    defaults = new Headers(headers);
  } catch {
    fail("headers", "must map valid header names to valid header values");
  }
  return {
    apiToken,
    baseUrl: resolveBaseUrl(
      options.baseUrl ?? readEnv("NEUROIO_BASE_URL") ?? "https://iam.neuroio.com",
      allowInsecureHttp === true,
    ),
    timeoutMs,
    maxRetries,
    maxResponseBytes,
    fetch,
    headers: defaults,
  };
}

/**
 * Checks that `value` is an absolute http(s) URL without credentials, query or fragment, and that plain
 * `http:` only goes to loopback unless allowed; returns it without a trailing slash.
 */
export function resolveBaseUrl(value: unknown, allowInsecureHttp: boolean): string {
  const name = "baseUrl";
  let url: URL | undefined;
  try {
    if (typeof value === "string") url = new URL(value);
  } catch {
    // not a URL: reported below
  }
  if (!url) {
    // A value that failed to parse is quoted only when it cannot hold credentials (`user:password@`).
    const hide = typeof value === "string" && value.includes("@");
    return fail(
      name,
      `must be an absolute http(s) URL${hide ? " (value not shown: it may hold credentials)" : ""}`,
      ...(hide ? [] : [value]),
    );
  }
  const { protocol, hostname } = url;
  if (protocol !== "https:" && protocol !== "http:") fail(name, `must use http: or https:, got ${protocol}`);
  if (url.username || url.password) fail(name, "must not contain credentials");
  if (url.search || url.hash) fail(name, "must not contain a query or a fragment");
  // Plain http: only where the token never leaves the machine, unless the caller says otherwise.
  if (
    protocol === "http:" &&
    !allowInsecureHttp &&
    !/^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/.test(hostname)
  ) {
    fail(
      name,
      `uses plain http: to ${hostname}, which sends the API token in clear text; use https:, or allowInsecureHttp: true`,
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}
