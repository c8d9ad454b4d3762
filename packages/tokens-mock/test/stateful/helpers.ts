import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";

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
