/**
 * A `fetch` for contract tests that really sends every request (to the mock) and records each exchange,
 * so a test can read back what went over the wire, including Prism's `sl-violations` header.
 */
import type { TokensClient } from "../../../src/index.js";
import { createTokensClient } from "../../../src/index.js";
import type { TokensClientOptions } from "../../../src/types.js";
import { contractMockUrl } from "./mock-url.js";

/** One request and its answer as they went over the wire. */
export interface Exchange {
  method: string;
  url: URL;
  requestHeaders: Headers;
  requestBody: string;
  status: number;
  responseHeaders: Headers;
  /** The response body parsed as JSON (`undefined` when empty). */
  responseJson: unknown;
}

/** A client of the mock whose every exchange lands in `exchanges`. */
export interface RecordingClient {
  client: TokensClient;
  exchanges: Exchange[];
}

/** The API key the contract tests send; the mock accepts any `Token <key>`. */
export const CONTRACT_KEY = "contract-test-key-0123456789abcdef";

/** Creates a client of the mock (no retries: a failure shows at once) with a recording fetch. */
export function recordingClient(options: TokensClientOptions = {}): RecordingClient {
  const exchanges: Exchange[] = [];
  const recordingFetch = async (request: Request): Promise<Response> => {
    const requestBody = await request.clone().text();
    const response = await fetch(request);
    const text = await response.clone().text();
    exchanges.push({
      method: request.method,
      url: new URL(request.url),
      requestHeaders: request.headers,
      requestBody,
      status: response.status,
      responseHeaders: response.headers,
      responseJson: text === "" ? undefined : JSON.parse(text),
    });
    return response;
  };
  const client = createTokensClient({
    apiToken: CONTRACT_KEY,
    baseUrl: contractMockUrl(),
    maxRetries: 0,
    timeoutMs: 5_000,
    fetch: recordingFetch,
    ...options,
  });
  return { client, exchanges };
}
