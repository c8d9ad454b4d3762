/**
 * The `--state FILE` of the stateful mock: JSON loaded at start and saved after each change, written
 * atomically (a temporary file in the same directory, then a rename) so a crash never leaves half a file;
 * locked by one process at a time. A file that cannot be used is refused with an error naming it, and is
 * never overwritten.
 * @module
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { MockServerError } from "../errors.js";
import type { StoredToken, StoreSnapshot } from "./store.js";

/** The `format` field every state file carries, so an unrelated JSON file is not taken for one. */
export const STATE_FORMAT = "neuroio-tokens-mock/state@1";

/** Largest state file loaded: far above any real one (a token takes about 170 bytes). */
export const MAX_STATE_BYTES = 64 * 1024 * 1024;

/** The error of a state file that cannot be used: what is wrong, and what to do (by default, fix or delete it). */
function unusable(
  path: string,
  reason: string,
  advice = "It was left untouched; fix it, or delete it to start empty.",
  cause?: unknown,
): MockServerError {
  const message = `Cannot use the state file ${path}: ${reason}. ${advice}`;
  return new MockServerError("STATE_FILE_UNUSABLE", message, cause === undefined ? undefined : { cause });
}

/**
 * Loads a state file. A missing file is a fresh start (`undefined`); an unreadable, non-JSON or invalid
 * one throws `STATE_FILE_UNUSABLE`.
 */
export function loadStateFile(path: string): StoreSnapshot | undefined {
  let text: string;
  try {
    // Checked first: reading a FIFO blocks the start forever, and a huge file would be read whole.
    const stat = statSync(path);
    if (!stat.isFile()) throw unusable(path, "it cannot be read (not a regular file)");
    if (stat.size > MAX_STATE_BYTES) {
      throw unusable(path, `it is larger than ${MAX_STATE_BYTES} bytes, too large for a state file`);
    }
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof MockServerError) throw error;
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw unusable(path, `it cannot be read (${(error as Error).message})`, undefined, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // V8 quotes the text around the error (`..."key": x7628465"...`), which may be part of a key: dropped.
    const reason = (error as Error).message.replace(/,\s*(?:\.\.\.)?".*$/s, "");
    throw unusable(path, `it is not valid JSON (${reason})`);
  }
  return parseSnapshot(json, path);
}

/** Saves `snapshot` to `path` atomically, readable by the owner only (the file holds secret keys). */
export function saveStateFile(path: string, snapshot: StoreSnapshot): void {
  const content = `${JSON.stringify({ format: STATE_FORMAT, ...snapshot }, null, 2)}\n`;
  // `<pid>.<8 hex>`: no other process, nor another save of this one, picks the same name.
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    writeNewFile(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Writes a file that must not exist yet (`wx`), readable by the owner only, and flushes it to disk. */
function writeNewFile(path: string, content: string): void {
  const fd = openSync(path, "wx", 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Removes the temporary files a save of `path` left behind when its process died mid-save
 * (`.<name>.<pid>.<hex>.tmp` beside it, holding keys). Only those of this state file, and only when their
 * process is gone; saves are synchronous, so none of this process's own is in progress while this runs.
 * @returns How many files were removed.
 */
export function removeStaleTemporaryFiles(path: string): number {
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return 0; // no directory, nothing left behind; saving will say what is wrong
  }
  let removed = 0;
  for (const name of names) {
    const pid = /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length))?.[1];
    if (!name.startsWith(prefix) || pid === undefined) continue;
    if (Number(pid) !== process.pid && isProcessAlive(Number(pid))) continue;
    try {
      rmSync(join(dirname(path), name), { force: true });
      removed += 1;
    } catch {
      // Not ours to remove (a directory by that name, another owner): leave it.
    }
  }
  return removed;
}

/** Checks that `json` is a state this version wrote; throws `STATE_FILE_UNUSABLE` saying what is wrong. */
function parseSnapshot(json: unknown, path: string): StoreSnapshot {
  const fail = (reason: string): never => {
    throw unusable(path, reason);
  };
  if (!isObject(json)) return fail("it is not a JSON object");
  if (json.format !== STATE_FORMAT) return fail(`its "format" is not "${STATE_FORMAT}"`);
  if (!isPositiveInteger(json.nextId)) return fail(`"nextId" is not a positive integer`);
  if (!Array.isArray(json.tokens)) return fail(`"tokens" is not an array`);
  const ids = new Set<number>();
  const keys = new Set<string>();
  const tokens = json.tokens.map((entry: unknown, index): StoredToken => {
    const token = checkToken(entry);
    if (typeof token === "string") return fail(`tokens[${index}] ${token}`);
    if (ids.has(token.id) || keys.has(token.key)) return fail(`tokens[${index}] repeats an id or a key`);
    if (token.id >= (json.nextId as number)) return fail(`tokens[${index}] has an id not below "nextId"`);
    ids.add(token.id);
    keys.add(token.key);
    return token;
  });
  return { nextId: json.nextId, tokens };
}

/** The token, or a string saying what is wrong with it. */
function checkToken(entry: unknown): StoredToken | string {
  if (!isObject(entry)) return "is not an object";
  const { id, key, is_active, created, expires } = entry;
  if (!isPositiveInteger(id)) return `has an "id" that is not a positive integer`;
  if (typeof key !== "string" || !/^[\x21-\x7e]+$/.test(key)) return `has an invalid "key"`;
  if (typeof is_active !== "boolean") return `has an "is_active" that is not a boolean`;
  if (!isTimestamp(created)) return `has a "created" that is not an ISO 8601 date-time`;
  if (expires !== null && !isTimestamp(expires)) {
    return `has an "expires" that is neither null nor an ISO 8601 date-time`;
  }
  return { id, key, is_active, created, expires };
}

/** Whether `value` is a token of the `Token` schema (the spec's examples are read with this too). */
export function isToken(value: unknown): value is StoredToken {
  return typeof checkToken(value) !== "string";
}

/** Whether `value` is a JSON object (not `null`, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 1;
}

function isTimestamp(value: unknown): value is string {
  const format = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  return typeof value === "string" && format.test(value) && !Number.isNaN(Date.parse(value));
}

/** Lock files this process holds, released on exit (by one listener) even when nobody calls release. */
const held = new Set<string>();

function releaseAll(): void {
  for (const lockPath of held) release(lockPath);
}

function release(lockPath: string): void {
  if (held.delete(lockPath) && readLock(lockPath) === `${process.pid}\n`) rmSync(lockPath, { force: true });
  if (held.size === 0) process.off("exit", releaseAll);
}

/**
 * Takes `<statePath>.lock`, a file created exclusively (`wx`) holding this process's PID, so two mocks never
 * share a state file (they would hand out the same ids and lose each other's tokens). A lock whose process is
 * gone (killed, crashed) is taken over. Returns its release, which also runs when the process exits.
 * @throws {MockServerError} `STATE_FILE_UNUSABLE` naming the PID of the live process that holds it, or
 * saying why the lock cannot be created.
 */
export async function lockStateFile(statePath: string): Promise<() => void> {
  const lockPath = `${statePath}.lock`;
  const content = `${process.pid}\n`;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    try {
      writeNewFile(lockPath, content);
      if (held.size === 0) process.on("exit", releaseAll);
      held.add(lockPath);
      let released = false;
      return () => {
        if (!released) release(lockPath);
        released = true;
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        const reason = `its lock ${lockPath} cannot be created (${(error as Error).message})`;
        throw unusable(statePath, reason, "Check that its directory exists and is writable.", error);
      }
    }
    const seen = readLock(lockPath);
    if (seen === undefined) continue; // released meanwhile: try again
    const pid = /^\d+\n$/.test(seen) ? Number(seen) : undefined;
    // Our own PID in a lock we do not hold was left by an earlier process that had it (a restarted container).
    if (pid !== undefined && isProcessAlive(pid) && (pid !== process.pid || held.has(lockPath))) {
      const who = pid === process.pid ? `this process (PID ${pid})` : `the process with PID ${pid}`;
      throw unusable(
        statePath,
        `it is in use by ${who}, which holds the lock ${lockPath}`,
        "Two mocks on one state file would lose tokens: stop the other one, or give this one another state file. If no mock runs with that PID, delete the lock file.",
      );
    }
    if (pid === undefined && attempt < 5) {
      await sleep(20); // an empty or partial lock: its process may be writing it right now
      continue;
    }
    takeOver(lockPath, seen);
  }
  throw unusable(
    statePath,
    `its lock ${lockPath} keeps changing hands`,
    "Another program is racing for it; stop it and try again.",
  );
}

/**
 * Removes a stale lock whose content was `seen`. It is first renamed aside (only one process can rename a
 * given file), then checked: if another process replaced the stale lock with its own in between, that lock
 * is put back.
 */
function takeOver(lockPath: string, seen: string): void {
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString("hex")}.stale`;
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

function readLock(lockPath: string): string | undefined {
  try {
    return readFileSync(lockPath, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Whether a process with this PID runs. Another user's process counts as running (`EPERM`); this process
 * counts as running (its own lock is told apart by `held`).
 */
function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  if (pid <= 0) return false; // 0 would signal this process's group
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
