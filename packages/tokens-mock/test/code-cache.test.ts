/**
 * The bin's V8 code cache (bin/code-cache.cjs, Node < 22.1): it must speed up nothing it cannot trust. A file
 * planted by another user, a symlink, a torn or corrupt file or one V8 rejects is never used (and a usable one
 * is written in its place); a directory it cannot use means no cache, never an error.
 */
import { createHash } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "./stateful/helpers.js";

interface CodeCache {
  cacheDirectory(options?: { base?: string; uid?: number }): string | undefined;
  cacheFileName(content: string): string;
  readCacheFile(file: string, options?: { uid?: number }): Buffer | undefined;
  pruneStale(dir: string, keep: string, now?: number): void;
  writeCacheFile(file: string, data: Buffer): boolean;
  requireWithCodeCache(
    file: string,
    options?: { base?: string; env?: Record<string, string | undefined>; writeAfterMs?: number },
  ): unknown;
}

const require = createRequire(import.meta.url);
const cache = require("../bin/code-cache.cjs") as CodeCache;
const uid = process.geteuid?.();
const posix = uid !== undefined;
const MAGIC = "neuroio-v8-cache-1\n";

/** A CommonJS module (with a shebang, like the bundle) whose functions run when it loads. */
function moduleFile(dir: string, answer: number): string {
  const file = join(dir, `module-${answer}.cjs`);
  writeFileSync(
    file,
    `#!/usr/bin/env node\nconst twice = (n) => n * 2;\nmodule.exports = { answer: twice(${answer / 2}), file: __filename };\n`,
  );
  return file;
}

/** Loads `file` afresh (out of require's cache) through the code cache under `base`. */
function load(file: string, base: string, env: Record<string, string | undefined> = {}) {
  delete require.cache[file];
  return cache.requireWithCodeCache(file, { base, env, writeAfterMs: 0 }) as { answer: number; file: string };
}

/** Lets the cache write scheduled with `writeAfterMs: 0` happen. */
const written = () => new Promise((resolve) => setTimeout(resolve, 50));

function privateDir(base: string): string {
  const dir = cache.cacheDirectory({ base });
  if (dir === undefined) throw new Error("no cache directory");
  return dir;
}

describe("the code cache directory", () => {
  it.runIf(posix)("is created private to the user (0700) and reused", () => {
    const base = tempDir();
    const dir = privateDir(base);
    expect(dir).toBe(join(base, `neuroio-tokens-mock-${uid}`));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(cache.cacheDirectory({ base })).toBe(dir);
  });

  it.runIf(posix)("is refused when it belongs to another user", () => {
    const base = tempDir();
    privateDir(base);
    // The directory is this user's: asked for on behalf of another uid, it is someone else's.
    const other = (uid ?? 0) + 1;
    mkdirSync(join(base, `neuroio-tokens-mock-${other}`), { mode: 0o700 });
    expect(cache.cacheDirectory({ base, uid: other })).toBeUndefined();
  });

  it.runIf(posix)("is refused when it is a symlink, a file, or open to group or others", () => {
    const symlinked = tempDir();
    const elsewhere = join(symlinked, "elsewhere");
    mkdirSync(elsewhere, { mode: 0o700 });
    symlinkSync(elsewhere, join(symlinked, `neuroio-tokens-mock-${uid}`));
    expect(cache.cacheDirectory({ base: symlinked })).toBeUndefined();

    const file = tempDir();
    writeFileSync(join(file, `neuroio-tokens-mock-${uid}`), "");
    expect(cache.cacheDirectory({ base: file })).toBeUndefined();

    const open = tempDir();
    chmodSync(privateDir(open), 0o777);
    expect(cache.cacheDirectory({ base: open })).toBeUndefined();
  });

  it("is no cache, not an error, when it cannot be created", () => {
    const base = join(tempDir(), "not-a-directory");
    writeFileSync(base, "");
    expect(cache.cacheDirectory({ base })).toBeUndefined();
    const source = tempDir();
    expect(load(moduleFile(source, 42), base).answer).toBe(42);
  });
});

describe("a cache file", () => {
  it("round-trips what was written", () => {
    const file = join(privateDir(tempDir()), "x.v8");
    const data = Buffer.from("some V8 data");
    expect(cache.writeCacheFile(file, data)).toBe(true);
    expect(cache.readCacheFile(file)).toEqual(data);
    expect(statSync(file).mode & 0o777).toBe(posix ? 0o600 : statSync(file).mode & 0o777);
  });

  it("is ignored when torn, corrupt, of another format, or too short", () => {
    const dir = privateDir(tempDir());
    const file = join(dir, "x.v8");
    cache.writeCacheFile(file, Buffer.from("some V8 data"));
    const good = readFileSync(file);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 1] = (flipped.at(-1) ?? 0) ^ 1;
    for (const content of [
      good.subarray(0, good.length - 3),
      flipped,
      Buffer.from(`other\n${good}`),
      Buffer.from(MAGIC),
    ]) {
      writeFileSync(file, content);
      expect(cache.readCacheFile(file)).toBeUndefined();
    }
  });

  it.runIf(posix)("is ignored when it belongs to another user or others may write it", () => {
    const file = join(privateDir(tempDir()), "x.v8");
    cache.writeCacheFile(file, Buffer.from("planted code"));
    expect(cache.readCacheFile(file, { uid: (uid ?? 0) + 1 })).toBeUndefined();
    chmodSync(file, 0o666);
    expect(cache.readCacheFile(file)).toBeUndefined();
  });

  it.runIf(posix)("is not followed when it is a symlink", () => {
    const dir = privateDir(tempDir());
    const real = join(dir, "real.v8");
    cache.writeCacheFile(real, Buffer.from("valid data"));
    symlinkSync(real, join(dir, "link.v8"));
    expect(cache.readCacheFile(join(dir, "link.v8"))).toBeUndefined();
  });

  it("cannot be written into a missing directory, and leaves nothing behind", () => {
    const dir = join(tempDir(), "missing");
    expect(cache.writeCacheFile(join(dir, "x.v8"), Buffer.from("data"))).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it("is not half-written when the target cannot be replaced", () => {
    const dir = privateDir(tempDir());
    // A directory where the file should go: the rename fails, the temporary file is removed.
    mkdirSync(join(dir, "x.v8"));
    writeFileSync(join(dir, "x.v8", "keep"), "");
    expect(cache.writeCacheFile(join(dir, "x.v8"), Buffer.from("data"))).toBe(false);
    expect(readdirSync(dir)).toEqual(["x.v8"]);
  });
});

describe("pruning", () => {
  it("removes cache files not written for 30 days and dead writers' temporary files, nothing else", () => {
    const dir = privateDir(tempDir());
    const day = 24 * 60 * 60 * 1000;
    const now = Date.now();
    const files = {
      kept: "a.v8",
      fresh: "b.v8",
      stale: "c.v8",
      tmpOld: "c.v8.1.2.tmp",
      tmpNew: "d.v8.3.4.tmp",
      other: "notes.txt",
    };
    for (const name of Object.values(files)) writeFileSync(join(dir, name), "x");
    const age = (name: string, ms: number) =>
      utimesSync(join(dir, name), (now - ms) / 1000, (now - ms) / 1000);
    age(files.kept, 40 * day);
    age(files.stale, 31 * day);
    age(files.tmpOld, 2 * 60 * 60 * 1000);
    age(files.other, 90 * day);
    cache.pruneStale(dir, join(dir, files.kept), now);
    expect(readdirSync(dir).sort()).toEqual([files.kept, files.fresh, files.tmpNew, files.other].sort());
  });
});

describe("requireWithCodeCache", () => {
  it("writes the cache after a first load and uses it (unchanged) on the next", async () => {
    const base = tempDir();
    const file = moduleFile(tempDir(), 42);
    expect(load(file, base)).toEqual({ answer: 42, file });
    await written();
    const cacheFile = join(privateDir(base), cache.cacheFileName(readFileSync(file, "utf8")));
    const first = readFileSync(cacheFile);
    expect(first.subarray(0, MAGIC.length).toString()).toBe(MAGIC);
    const before = statSync(cacheFile).mtimeMs;
    expect(load(file, base)).toEqual({ answer: 42, file });
    await written();
    // An accepted cache is not written again.
    expect(statSync(cacheFile).mtimeMs).toBe(before);
  });

  it("names the cache by the file's text: an edited file does not get the old code", async () => {
    const base = tempDir();
    const file = moduleFile(tempDir(), 42);
    load(file, base);
    await written();
    writeFileSync(file, readFileSync(file, "utf8").replace("21", "50"));
    expect(load(file, base).answer).toBe(100);
  });

  it("replaces a planted, corrupt or rejected cache file and still runs the module", async () => {
    const base = tempDir();
    const file = moduleFile(tempDir(), 42);
    const cacheFile = join(privateDir(base), cache.cacheFileName(readFileSync(file, "utf8")));
    // A well-formed file whose V8 data V8 rejects, then plain garbage.
    const garbage = Buffer.from("not V8 code at all");
    const digest = createHash("sha256").update(garbage).digest();
    for (const planted of [Buffer.concat([Buffer.from(MAGIC), digest, garbage]), Buffer.from("garbage")]) {
      writeFileSync(cacheFile, planted);
      expect(load(file, base).answer).toBe(42);
      await written();
      const now = readFileSync(cacheFile);
      expect(now.equals(planted)).toBe(false);
      expect(cache.readCacheFile(cacheFile)?.length).toBeGreaterThan(0);
    }
  });

  it("keeps no cache with NODE_DISABLE_COMPILE_CACHE", async () => {
    const base = tempDir();
    const file = moduleFile(tempDir(), 42);
    expect(load(file, base, { NODE_DISABLE_COMPILE_CACHE: "1" }).answer).toBe(42);
    await written();
    expect(readdirSync(base)).toEqual([]);
  });

  it("reports the module's own errors unchanged", () => {
    const base = tempDir();
    const file = join(tempDir(), "throws.cjs");
    writeFileSync(file, 'throw new TypeError("from the module");\n');
    delete require.cache[file];
    expect(() => cache.requireWithCodeCache(file, { base, env: {} })).toThrow(/from the module/);
  });
});
