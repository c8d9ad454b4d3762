/**
 * The `--state FILE` of the stateful mock: JSON loaded at start and saved after each change, written
 * atomically (a temporary file in the same directory, then a rename) so a crash never leaves half a file.
 * A file that cannot be used is refused with an error naming it, and is never overwritten.
 * @module
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import type { StoredToken, StoreSnapshot } from "./store.js";

/** The `format` field every state file carries, so an unrelated JSON file is not taken for one. */
export const STATE_FORMAT = "neuroio-tokens-mock/state@1";

/** Largest state file loaded: far above any real one (a token takes about 170 bytes). */
export const MAX_STATE_BYTES = 64 * 1024 * 1024;

/** A state file that cannot be read or is not a valid state; `path` names the file. */
export class StateFileError extends Error {
  override readonly name: string = "StateFileError";
  /** The file that was refused. */
  readonly path: string;
  /**
   * @param reason What is wrong, without the file's name (the message names it).
   * @param options.advice What to do; by default, to fix or delete the file (which was left untouched).
   */
  constructor(path: string, reason: string, options: { cause?: unknown; advice?: string } = {}) {
    const advice = options.advice ?? "It was left untouched; fix it, or delete it to start empty.";
    super(
      `Cannot use the state file ${path}: ${reason}. ${advice}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.path = path;
  }
}

/**
 * Loads a state file. A missing file is a fresh start (`undefined`); an unreadable, non-JSON or invalid
 * one throws {@link StateFileError}.
 */
export function loadStateFile(path: string): StoreSnapshot | undefined {
  let text: string;
  try {
    // Checked first: reading a FIFO blocks the start forever, and a huge file would be read whole.
    const stat = statSync(path);
    if (!stat.isFile()) throw new StateFileError(path, "it cannot be read (not a regular file)");
    if (stat.size > MAX_STATE_BYTES) {
      throw new StateFileError(
        path,
        `it is larger than ${MAX_STATE_BYTES} bytes, too large for a state file`,
      );
    }
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof StateFileError) throw error;
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new StateFileError(path, `it cannot be read (${(error as Error).message})`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // V8 quotes the text around the error (`..."key": x7628465"...`), which may be part of a key: dropped.
    const reason = (error as Error).message.replace(/,\s*(?:\.\.\.)?".*$/s, "");
    throw new StateFileError(path, `it is not valid JSON (${reason})`);
  }
  return parseSnapshot(json, path);
}

/** Saves `snapshot` to `path` atomically, readable by the owner only (the file holds secret keys). */
export function saveStateFile(path: string, snapshot: StoreSnapshot): void {
  const content = `${JSON.stringify({ format: STATE_FORMAT, ...snapshot }, null, 2)}\n`;
  const temporary = join(dirname(path), `.${basename(path)}.${uniqueSuffix()}.tmp`);
  try {
    writeNewFile(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Writes a file that must not exist yet, readable by the owner only, and flushes it to disk. */
export function writeNewFile(path: string, content: string): void {
  const fd = openSync(path, "wx", 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** `<pid>.<8 hex>`: a file name part no other process, nor another call of this one, picks. */
export function uniqueSuffix(): string {
  return `${process.pid}.${randomBytes(4).toString("hex")}`;
}

/**
 * Removes the temporary files a save of `path` left behind when its process died mid-save
 * (`.<name>.<pid>.<hex>.tmp` beside it, holding keys). Only those of this state file, and only when their
 * process is gone; saves are synchronous, so none of this process's own is in progress while this runs.
 * @param isAlive Whether a PID names a running process other than this one.
 * @returns The files removed.
 */
export function removeStaleTemporaryFiles(path: string, isAlive: (pid: number) => boolean): string[] {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // no directory, nothing left behind; saving will say what is wrong
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length));
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && isAlive(pid)) continue;
    const file = join(dir, name);
    try {
      rmSync(file, { force: true });
      removed.push(file);
    } catch {
      // Not ours to remove (a directory by that name, another owner): leave it.
    }
  }
  return removed;
}

/** Checks that `json` is a state this version wrote; throws {@link StateFileError} saying what is wrong. */
export function parseSnapshot(json: unknown, path: string): StoreSnapshot {
  const fail = (reason: string): never => {
    throw new StateFileError(path, reason);
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
  return (
    typeof value === "string" &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}
