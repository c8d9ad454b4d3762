import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";
import { type LogSink, type MockServer, type MockServerOptions, startMockServer } from "../../src/index.js";
import { type CallOptions, type CallResult, call } from "../support/mock.js";

/** A clock tests move by hand. */
export interface FakeClock {
  now: () => number;
  advance: (ms: number) => void;
}

/** A clock starting at `iso` that only moves when told to. */
export function fakeClock(iso: string): FakeClock {
  let current = Date.parse(iso);
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
}

/** A fresh temporary directory, removed when the current test finishes. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "neuroio-stateful-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Closes `server` (a mock or a backend this test started) when the current test finishes; returns it. */
export function closeAfterTest<T extends { close(): Promise<void> }>(server: T): T {
  onTestFinished(() => server.close());
  return server;
}

/** Headers of a call authenticated with `key`. */
export function auth(key: string | undefined, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Token ${key ?? "missing"}`, ...extra };
}

/** Starts a quiet stateful mock on a free port (real Prism in front), closed when the current test finishes. */
export async function startStateful(options: MockServerOptions = {}, logSink?: LogSink): Promise<MockServer> {
  return closeAfterTest(
    await startMockServer({ port: 0, quiet: !logSink, stateful: true, ...options }, logSink),
  );
}

/** Options of {@link send}: the key to send (the mock's own by default), a body, extra headers. */
export interface SendOptions extends CallOptions {
  key?: string | undefined;
}

/** Sends one request to a stateful mock, authenticated with `options.key` or the mock's key. */
export function send(
  mock: MockServer,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<CallResult> {
  return call(mock, method, path, {
    ...options,
    auth: false,
    headers: auth(options.key ?? mock.token, options.headers),
  });
}
