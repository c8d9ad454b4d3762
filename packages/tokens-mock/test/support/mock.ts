import { afterAll, beforeAll } from "vitest";
import { type MockServer, type MockServerOptions, startMockServer } from "../../src/index.js";

/** A key the tests send; the mock accepts any key in the form `Token <key>`. */
export const TEST_KEY = "test-key-0123456789";

/** Starts a quiet mock on a free port, validating its own responses (`errors`) unless told otherwise. */
export function startTestMock(options: MockServerOptions = {}): Promise<MockServer> {
  return startMockServer({ port: 0, quiet: true, errors: true, ...options });
}

/**
 * For a `describe` block: starts one mock like {@link startTestMock} before its tests and closes it after
 * them. Returns a getter, since the mock exists only once the tests run.
 */
export function useTestMock(options: MockServerOptions = {}): () => MockServer {
  let mock: MockServer | undefined;
  beforeAll(async () => {
    mock = await startTestMock(options);
  });
  afterAll(() => mock?.close());
  return () => {
    if (mock === undefined)
      throw new Error("The test mock is not started: call useTestMock() in a describe.");
    return mock;
  };
}

/** What {@link call} returns: the status, the headers and the parsed body (`undefined` when empty). */
export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** Options of {@link call}. */
export interface CallOptions {
  /** A JSON body (serialized, with `Content-Type: application/json`) or raw text sent as is. */
  body?: unknown;
  /** Extra or overriding headers; `authorization: undefined` is not possible, use `auth: false`. */
  headers?: Record<string, string>;
  /** Send `Authorization: Token <TEST_KEY>` (default true). */
  auth?: boolean;
  /** Give up after this many milliseconds (default 5000): a hung request fails the test instead of the run. */
  timeoutMs?: number;
}

/** Sends one request to the mock and reads the whole answer. */
export async function call(
  mock: MockServer,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = {};
  if (options.auth !== false) headers.authorization = `Token ${TEST_KEY}`;
  let body: string | undefined;
  if (typeof options.body === "string") body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  const response = await fetch(`${mock.url}${path}`, {
    method,
    headers: { ...headers, ...options.headers },
    body,
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: text === "" ? undefined : JSON.parse(text),
  };
}
