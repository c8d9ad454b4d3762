import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MockServerError } from "../../src/index.js";
import {
  loadStateFile,
  MAX_STATE_BYTES,
  STATE_FORMAT,
  saveStateFile,
} from "../../src/stateful/state-file.js";
import type { StoreSnapshot } from "../../src/stateful/store.js";
import { tempDir } from "./helpers.js";

const SNAPSHOT: StoreSnapshot = {
  nextId: 3,
  tokens: [
    {
      id: 1,
      key: "3c59dc048e8850243be8079a5c74d079f1c7d8a0",
      is_active: true,
      created: "2026-11-20T08:30:00.000Z",
      expires: null,
    },
    {
      id: 2,
      key: "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b",
      is_active: false,
      created: "2026-11-27T10:00:00.000Z",
      expires: "2026-11-28T10:00:00.000Z",
    },
  ],
};

describe("state file", () => {
  it("round-trips a snapshot, readable by the owner only, and leaves no temporary file", () => {
    const dir = tempDir();
    const path = join(dir, "state.json");
    saveStateFile(path, SNAPSHOT);
    expect(loadStateFile(path)).toEqual(SNAPSHOT);
    expect(JSON.parse(readFileSync(path, "utf8")).format).toBe(STATE_FORMAT);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["state.json"]);
  });

  it("replaces an existing file whole", () => {
    const path = join(tempDir(), "state.json");
    saveStateFile(path, SNAPSHOT);
    saveStateFile(path, { nextId: 7, tokens: [] });
    expect(loadStateFile(path)).toEqual({ nextId: 7, tokens: [] });
  });

  it("treats a missing file as a fresh start", () => {
    expect(loadStateFile(join(tempDir(), "absent.json"))).toBeUndefined();
  });

  it("fails to save into a missing directory without leaving anything behind", () => {
    const dir = tempDir();
    expect(() => saveStateFile(join(dir, "missing", "state.json"), SNAPSHOT)).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  const corrupt: Array<[string, string, RegExp]> = [
    ["not JSON", "{ nope", /is not valid JSON/],
    ["an array", "[]", /is not a JSON object/],
    ["another format", JSON.stringify({ ...SNAPSHOT, format: "other" }), /"format" is not/],
    ["no format", JSON.stringify(SNAPSHOT), /"format" is not/],
    ["a bad nextId", JSON.stringify({ format: STATE_FORMAT, nextId: 0, tokens: [] }), /"nextId"/],
    [
      "tokens not an array",
      JSON.stringify({ format: STATE_FORMAT, nextId: 1, tokens: {} }),
      /"tokens" is not/,
    ],
    ["a token with a bad id", withToken({ id: "1" }), /tokens\[1\] has an "id"/],
    ["a token with a bad key", withToken({ key: "has space" }), /tokens\[1\] has an invalid "key"/],
    ["a token with a bad is_active", withToken({ is_active: "yes" }), /"is_active" that is not a boolean/],
    ["a token with a bad created", withToken({ created: "yesterday" }), /"created"/],
    ["a token with a bad expires", withToken({ expires: 5 }), /"expires"/],
    ["a repeated key", withToken({ key: SNAPSHOT.tokens[0]?.key }), /repeats an id or a key/],
    ["an id not below nextId", withToken({ id: 3 }), /not below "nextId"/],
  ];

  it.each(corrupt)("refuses %s, naming the file and leaving it untouched", (_, content, reason) => {
    const path = join(tempDir(), "state.json");
    writeFileSync(path, content);
    const before = statSync(path).mtimeMs;
    let thrown: unknown;
    try {
      loadStateFile(path);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MockServerError);
    const error = thrown as MockServerError;
    expect(error.code).toBe("STATE_FILE_UNUSABLE");
    expect(error.message).toContain(`Cannot use the state file ${path}`);
    expect(error.message).toMatch(reason);
    expect(error.message).toContain("left untouched");
    expect(readFileSync(path, "utf8")).toBe(content);
    expect(statSync(path).mtimeMs).toBe(before);
  });

  it("never quotes a key in its error messages", () => {
    const path = join(tempDir(), "state.json");
    const secret = SNAPSHOT.tokens[0]?.key as string;
    writeFileSync(path, withToken({ key: secret }));
    expect(() => loadStateFile(path)).toThrow(MockServerError);
    try {
      loadStateFile(path);
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });

  it("never quotes part of a key from JSON that does not parse", () => {
    const path = join(tempDir(), "state.json");
    const secret = SNAPSHOT.tokens[1]?.key as string;
    writeFileSync(path, withToken({ key: secret }).replace(`"${secret}"`, `x${secret}"`));
    expect(() => loadStateFile(path)).toThrow(/is not valid JSON \(Unexpected token 'x'\)/);
    try {
      loadStateFile(path);
    } catch (error) {
      expect((error as Error).message).not.toContain(secret.slice(0, 6));
      expect((error as Error).cause).toBeUndefined();
    }
  });

  it("refuses a FIFO at once instead of blocking on it, and a file over the size limit", () => {
    const dir = tempDir();
    const fifo = join(dir, "state.fifo");
    execFileSync("mkfifo", [fifo]);
    expect(() => loadStateFile(fifo)).toThrow("it cannot be read (not a regular file)");
    const huge = join(dir, "huge.json");
    writeFileSync(huge, "");
    truncateSync(huge, MAX_STATE_BYTES + 1);
    expect(() => loadStateFile(huge)).toThrow(/is larger than \d+ bytes/);
  });

  it("refuses a file it cannot read", () => {
    const dir = tempDir();
    expect(() => loadStateFile(dir)).toThrow(/cannot be read/);
  });
});

/** A state whose second token has `fields` changed. */
function withToken(fields: Record<string, unknown>): string {
  const tokens = [SNAPSHOT.tokens[0], { ...SNAPSHOT.tokens[1], ...fields }];
  return JSON.stringify({ format: STATE_FORMAT, nextId: SNAPSHOT.nextId, tokens });
}
