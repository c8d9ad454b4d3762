/**
 * One process per state file: `<state>.lock` holds the PID of the process that uses the file. A second
 * process refuses to start, naming the holder; a lock whose process is gone (killed, crashed) is taken over.
 * The lock is released on close and when the process exits.
 * @module
 */
import { linkSync, readFileSync, renameSync, rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { StateFileError, uniqueSuffix, writeNewFile } from "./state-file.js";

/** The state file is used by the live process `pid`, which holds `lockPath`. */
export class StateFileLockedError extends StateFileError {
  override readonly name: string = "StateFileLockedError";
  constructor(
    path: string,
    readonly lockPath: string,
    readonly pid: number,
  ) {
    const who = pid === process.pid ? `this process (PID ${pid})` : `the process with PID ${pid}`;
    super(path, `it is in use by ${who}, which holds the lock ${lockPath}`, {
      advice:
        "Two mocks on one state file would lose tokens: stop the other one, or give this one another state file. If no mock runs with that PID, delete the lock file.",
    });
  }
}

/** A held lock: its file, `<state>.lock`, removed by `release` if it is still ours (safe to call twice). */
export interface StateLock {
  readonly path: string;
  release(): void;
}

/** Locks held by this process, released on exit even when nobody calls `release`. */
const held = new Map<string, string>();

function releaseAll(): void {
  for (const [path, content] of held) removeIfOurs(path, content);
  held.clear();
}

/**
 * Whether a process with this PID runs. Another user's process counts as running (`EPERM`). Our own PID
 * counts only for locks this process holds: a lock file with our PID that we do not hold was left by an
 * earlier process that had the same PID (a container restarted, say).
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the lock of `statePath`.
 * @throws {StateFileLockedError} when a live process holds it.
 * @throws {StateFileError} when the lock file cannot be created (a read-only directory, say).
 */
export async function lockStateFile(statePath: string): Promise<StateLock> {
  const lockPath = `${statePath}.lock`;
  const content = `${process.pid}\n`;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    if (tryCreate(statePath, lockPath, content)) {
      if (held.size === 0) process.on("exit", releaseAll);
      held.set(lockPath, content);
      let released = false;
      return {
        path: lockPath,
        release() {
          if (released) return;
          released = true;
          removeIfOurs(lockPath, content);
          held.delete(lockPath);
          if (held.size === 0) process.off("exit", releaseAll);
        },
      };
    }
    const seen = readLock(lockPath);
    if (seen === undefined) continue; // released meanwhile: try again
    const pid = /^\d+\n?$/.test(seen) ? Number(seen) : undefined;
    if (pid !== undefined && isProcessAlive(pid) && (pid !== process.pid || held.has(lockPath))) {
      throw new StateFileLockedError(statePath, lockPath, pid);
    }
    if (pid === undefined && attempt < 5) {
      // An empty or partial lock: another process may be writing it right now (see tryCreate's fallback).
      await sleep(20);
      continue;
    }
    takeOver(lockPath, seen);
  }
  throw new StateFileError(statePath, `its lock ${lockPath} keeps changing hands`, {
    advice: "Another program is racing for it; stop it and try again.",
  });
}

/** Creates the lock file with its content in one step (a hard link of a complete file); `false` if it exists. */
function tryCreate(statePath: string, lockPath: string, content: string): boolean {
  const cannotCreate = (reason: string, cause: unknown) =>
    new StateFileError(statePath, `its lock ${lockPath} cannot be created (${reason})`, {
      cause,
      advice: "Check that its directory exists and is writable.",
    });
  const temporary = `${lockPath}.${uniqueSuffix()}.new`;
  try {
    writeNewFile(temporary, content);
  } catch (error) {
    throw cannotCreate((error as Error).message, error);
  }
  try {
    linkSync(temporary, lockPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // A file system without hard links: create it exclusively (a reader may briefly see it empty).
    try {
      writeNewFile(lockPath, content);
      return true;
    } catch (fallbackError) {
      if ((fallbackError as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw cannotCreate(String(code), fallbackError);
    }
  } finally {
    rmSync(temporary, { force: true });
  }
}

function readLock(lockPath: string): string | undefined {
  try {
    return readFileSync(lockPath, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Removes a stale lock whose content was `seen`. It is first renamed aside (only one process can rename a
 * given file), then checked: if another process replaced the stale lock with its own in between, that lock
 * is put back.
 */
function takeOver(lockPath: string, seen: string): void {
  const aside = `${lockPath}.${uniqueSuffix()}.stale`;
  try {
    renameSync(lockPath, aside);
  } catch {
    return; // gone already, or taken over by another process: the next attempt sees which
  }
  if (readLock(aside) !== seen) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // A third process holds it now; the next attempt sees it.
    }
  }
  rmSync(aside, { force: true });
}

function removeIfOurs(lockPath: string, content: string): void {
  if (readLock(lockPath) === content) rmSync(lockPath, { force: true });
}
