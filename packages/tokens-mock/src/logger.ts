import { Writable } from "node:stream";
import { createLogger } from "@stoplight/prism-core";
import type { LogSink } from "./log-sink.js";

/** The logger Prism's components take (a pino logger). */
export type PrismLogger = ReturnType<typeof createLogger>;

const LEVEL_NAMES: Record<number, string> = { 30: "info", 40: "warn", 50: "error", 60: "fatal" };

/**
 * Creates Prism's logger. Prism logs every request at `info`, which halves its throughput and buries what
 * matters, so the mock logs only warnings and errors (spec violations), as one readable line each, or
 * nothing at all when `quiet`. `verbose` restores Prism's per-request `info` lines, for debugging.
 */
export function createPrismLogger(quiet: boolean, sink: LogSink = writeStderr, verbose = false): PrismLogger {
  return createLogger(
    "prism",
    { level: quiet ? "silent" : verbose ? "info" : "warn" },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString("utf8").split("\n")) {
          if (line.trim() !== "") sink(formatLogLine(line));
        }
        done();
      },
    }),
  );
}

/** Turns one pino JSON line into `[mock] warn: message`; a line that is not JSON is passed through. */
export function formatLogLine(line: string): string {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string };
    const level = LEVEL_NAMES[entry.level ?? 0] ?? "log";
    return `[mock] ${level}: ${entry.msg ?? line}`;
  } catch {
    return `[mock] ${line}`;
  }
}

function writeStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}
