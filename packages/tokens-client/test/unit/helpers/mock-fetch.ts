/**
 * A scripted `fetch` for unit tests: it records every `Request` the client sends (read back in full) and
 * answers with the scripted replies in order. No global is touched.
 */
import { TokensClient } from "../../../src/client.js";
import type { Clock } from "../../../src/clock.js";
import { resolveOptions } from "../../../src/options.js";
import { Transport } from "../../../src/transport.js";
import type { TokensClientOptions } from "../../../src/types.js";

/** A request as the server would see it. */
export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** The body text; `""` when there is none. */
  body: string;
  /** The signal the client attached (to check that aborts reach fetch). */
  signal: AbortSignal;
}

/**
 * One scripted answer: a `Response`, an error to throw (a network failure), `"hang"` (never answers; rejects
 * with the signal's reason when the request is aborted, like a real fetch), or a function of the request.
 */
export type Reply = Response | Error | "hang" | ((request: Request) => Response | Promise<Response>);

/** The fetch function and what it saw. */
export interface MockFetch {
  fetch: (request: Request) => Promise<Response>;
  requests: RecordedRequest[];
}

/** A fetch that answers with `replies` in order and fails the test (rejects) on any request beyond them. */
export function mockFetch(...replies: Reply[]): MockFetch {
  const requests: RecordedRequest[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    hold(request);
    requests.push({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: await request.clone().text(),
      signal: request.signal,
    });
    const reply = replies[requests.length - 1];
    if (reply === undefined)
      throw new Error(`unexpected request #${requests.length}: ${request.method} ${request.url}`);
    if (reply instanceof Response) return reply;
    if (reply instanceof Error) throw reply;
    if (reply === "hang") return hang(request.signal);
    return reply(request);
  };
  return { fetch, requests };
}

/**
 * Requests held strongly until aborted, as a real fetch holds its request while it runs: undici's `Request`
 * follows the client's signal only while the `Request` is alive, and nothing else would keep it from being
 * collected in the middle of a test (a hanging reply, a slow body).
 */
const live = new Set<Request>();

/** Keeps `request` alive until its signal aborts. */
function hold(request: Request): void {
  if (request.signal.aborted) return;
  live.add(request);
  request.signal.addEventListener("abort", () => live.delete(request), { once: true });
}

/** A promise that settles only when the request's signal aborts, rejecting with its reason. */
function hang(signal: AbortSignal): Promise<Response> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/** An empty response (204 by default). */
export function empty(status = 204, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

/** A token as the API returns it. */
export function token(id: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    key: `${String(id).padStart(4, "0")}${"ab".repeat(18)}`,
    is_active: true,
    created: "2026-11-27T10:00:00Z",
    expires: "2026-11-28T10:00:00Z",
    ...overrides,
  };
}

/** The API token the test clients use. */
export const API_TOKEN = "test-token-0123456789abcdef";

/**
 * A clock the test drives: `sleep` records the wait and resolves at once (or runs `onSleep`), `later` queues
 * the function until `advance()` moves time past it, and the jitter source is 0.
 */
export class ManualClock implements Clock {
  /** Milliseconds since the start of the test. */
  now = 0;
  /** Every wait `sleep()` was asked for, in order. */
  readonly sleeps: number[] = [];
  /** What `later()` scheduled and nobody cancelled yet. */
  readonly timers = new Set<{ at: number; run: () => void }>();

  /** @param onSleep what a sleep does instead of resolving at once (e.g. wait for an abort). */
  constructor(readonly onSleep?: (ms: number, signal?: AbortSignal) => Promise<void>) {}

  /** Records `ms` and resolves at once (or does what `onSleep` says). */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return this.onSleep ? this.onSleep(ms, signal) : Promise.resolve();
  }

  /** Queues `run` until `advance()` passes `now + ms`. */
  later(run: () => void, ms: number): () => void {
    const timer = { at: this.now + ms, run };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  /** No jitter: backoffs are exact. */
  random(): number {
    return 0;
  }

  /** The delays of the pending timers from now, soonest first. */
  pending(): number[] {
    return [...this.timers].map((timer) => timer.at - this.now).sort((a, b) => a - b);
  }

  /** Moves time forward by `ms`, running each timer that comes due (in order). */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers].filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers.delete(due);
      this.now = due.at;
      due.run();
    }
    this.now = until;
  }
}

/** A client as `createTokensClient()` builds it, over `fetch` and with `clock` instead of the system's. */
export function clientWith(options: TokensClientOptions, clock: Clock = new ManualClock()): TokensClient {
  return new TokensClient(new Transport(resolveOptions(options), clock));
}

/** A test client over a scripted fetch; waits between retries are recorded, not slept. */
export function setup(replies: Reply[], options: TokensClientOptions = {}, clock = new ManualClock()) {
  const mock = mockFetch(...replies);
  const client = clientWith(
    { apiToken: API_TOKEN, baseUrl: "https://api.test", fetch: mock.fetch, ...options },
    clock,
  );
  return { client, requests: mock.requests, sleeps: clock.sleeps, clock };
}
