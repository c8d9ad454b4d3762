import { MockServerError } from "./errors.js";

/** A request that proves the server answers; any HTTP status counts as an answer. */
export interface Probe {
  path: string;
  init: RequestInit;
}

/**
 * The probe of mock mode: a list request through the wrapper's checks into Prism, so a resolved
 * `startMockServer` means requests are really answered.
 */
export const MOCK_PROBE: Probe = {
  path: "/v1/tokens/",
  init: { headers: { authorization: "Token readiness-probe" } },
};

/**
 * The probe of proxy mode: a CORS preflight, which the wrapper answers itself, because a probe forwarded to
 * the real server would be a real (unauthenticated) call made on the user's behalf.
 */
export const PROXY_PROBE: Probe = {
  path: "/v1/tokens/",
  init: {
    method: "OPTIONS",
    headers: { origin: "http://localhost", "access-control-request-method": "GET" },
  },
};

/**
 * Sends `probe` to `baseUrl` until an HTTP answer comes back.
 * @throws {MockServerError} `LISTEN_FAILED` when none came within `timeoutMs`.
 */
export async function waitUntilAnswering(baseUrl: string, probe: Probe, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(new URL(probe.path, baseUrl), {
        ...probe.init,
        signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
      });
      await response.arrayBuffer();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  throw new MockServerError(
    "LISTEN_FAILED",
    `The mock at ${baseUrl} did not answer within ${timeoutMs} ms.`,
    {
      cause: lastError,
    },
  );
}
