"use strict";
/**
 * The mock's private cache directory and its files, shared by the bin's V8 code cache (code-cache.cjs) and
 * the cache of loaded specs (src/prism/spec-cache.ts, bundled into the CLI from here). The storage rules of
 * Node's own compile cache:
 *
 * - One private directory per user: `<os.tmpdir()>/neuroio-tokens-mock-<uid>`, created with mode 0700. It is
 *   used only when it is a real directory (not a symlink), owned by this user, and closed to group and others;
 *   a cache file only when it is a regular file (opened without following a symlink) owned by this user and
 *   not writable by others. A file planted by anyone else is never read.
 * - Each file starts with its kind's magic line and a SHA-256 of the content that follows: a torn or corrupt
 *   file, or a file of another kind, is ignored (and rewritten by its user).
 * - A cache that cannot be read or written (read-only or full disk, no tmpdir) only means no cache: callers
 *   start as without it, silently.
 */
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

const DIGEST_BYTES = 32;
/** A larger file is not ours (the largest, the bundle's V8 cache, is a few MB): never read it into memory. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/**
 * Cache files not rewritten for this long are removed when a new one is written (each upgrade of the package or
 * of Node, each edit of a spec, leaves its old file behind); a file in daily use is rewritten once after that.
 * Temporary files of a writer that died go after an hour.
 */
const STALE_MS = 30 * 24 * 60 * 60 * 1000;
const STALE_TEMPORARY_MS = 60 * 60 * 1000;
/** The suffixes of the cache's files: V8 code, loaded specs, a writer's temporary file. */
const CACHE_SUFFIXES = [".v8", ".spec"];
/** Never follow a symlink when opening a cache file (0 where the platform has no such flag). */
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/**
 * The user's private cache directory under `base`, created if missing; `undefined` when it cannot be created
 * or is not safe to use (a symlink, not a directory, another owner, open to group or others).
 * @param {{ base?: string, uid?: number }} [options] `uid`: the user it must belong to (the current one)
 * @returns {string | undefined}
 */
function cacheDirectory({ base = tmpdir(), uid = currentUid() } = {}) {
  const dir = join(base, uid === undefined ? "neuroio-tokens-mock" : `neuroio-tokens-mock-${uid}`);
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if (error?.code !== "EEXIST") return undefined;
  }
  try {
    const stat = fs.lstatSync(dir);
    if (!stat.isDirectory() || stat.isSymbolicLink()) return undefined;
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o077) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/**
 * The content of the cache file `file` after its magic line and digest, or `undefined` when there is none or it
 * must not be used (not a regular file, a symlink, another owner, writable by others, too large, another kind,
 * torn or corrupt).
 * @param {string} file
 * @param {{ magic: Buffer, uid?: number }} options `magic`: the first bytes of this kind of file
 * @returns {Buffer | undefined}
 */
function readCacheFile(file, { magic, uid = currentUid() }) {
  let fd;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | NOFOLLOW);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_CACHE_BYTES) return undefined;
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return undefined;
    const content = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < content.length) {
      const bytes = fs.readSync(fd, content, read, content.length - read, read);
      if (bytes === 0) return undefined;
      read += bytes;
    }
    const start = magic.length + DIGEST_BYTES;
    if (content.length <= start || !content.subarray(0, magic.length).equals(magic)) return undefined;
    const data = content.subarray(start);
    return sha256(data).equals(content.subarray(magic.length, start)) ? data : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Writes `data` as the cache file `file`, after `magic` and the digest: to a new private file beside it, then
 * renamed over it, so a reader never sees half a file. Any failure leaves no file behind and is ignored.
 * @param {string} file
 * @param {Buffer} data
 * @param {{ magic: Buffer }} options
 * @returns {boolean} whether the file was written
 */
function writeCacheFile(file, data, { magic }) {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  let fd;
  try {
    const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NOFOLLOW;
    fd = fs.openSync(temporary, flags, 0o600);
    for (const part of [magic, sha256(data), data]) fs.writeSync(fd, part);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temporary, file);
    return true;
  } catch {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    return false;
  }
}

/**
 * Removes the cache files of `dir` (other than `keep`) not written for {@link STALE_MS}, and temporary files
 * older than {@link STALE_TEMPORARY_MS}. Only regular files with the cache's names are touched.
 * @param {string} dir
 * @param {string} keep
 * @param {number} [now]
 */
function pruneStale(dir, keep, now = Date.now()) {
  for (const name of fs.readdirSync(dir)) {
    const file = join(dir, name);
    const limit = CACHE_SUFFIXES.some((suffix) => name.endsWith(suffix))
      ? STALE_MS
      : name.endsWith(".tmp")
        ? STALE_TEMPORARY_MS
        : undefined;
    if (limit === undefined || file === keep) continue;
    try {
      const stat = fs.lstatSync(file);
      if (stat.isFile() && now - stat.mtimeMs > limit) fs.rmSync(file);
    } catch {
      // Removed by another process meanwhile, or not ours to remove: left alone.
    }
  }
}

/**
 * Keeps the `max` most recently written files of `dir` whose names end with `suffix` (`keep` always among
 * them) and removes the others: a spec edited all day leaves one entry per saved version behind.
 * @param {string} dir
 * @param {string} suffix
 * @param {number} max
 * @param {string} keep
 */
function pruneExcess(dir, suffix, max, keep) {
  const files = [];
  for (const name of fs.readdirSync(dir)) {
    const file = join(dir, name);
    if (!name.endsWith(suffix) || file === keep) continue;
    try {
      const stat = fs.lstatSync(file);
      if (stat.isFile()) files.push({ file, mtimeMs: stat.mtimeMs });
    } catch {
      // Gone meanwhile.
    }
  }
  files.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { file } of files.slice(Math.max(0, max - 1))) fs.rmSync(file, { force: true });
}

/**
 * Runs `write` once: after `delayMs` (a timer that keeps no process alive), or at exit if that comes first. A
 * cache is written after start-up, so it holds what start-up and the first requests made, and never delays
 * them. A throw of `write` is ignored: no cache this time, the next start tries again.
 * @param {() => void} write
 * @param {number} delayMs
 */
function writeOnceLater(write, delayMs) {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    process.removeListener("exit", once);
    try {
      write();
    } catch {
      // No cache this time.
    }
  };
  setTimeout(once, delayMs).unref();
  process.once("exit", once);
}

/**
 * Whether the caches are turned off: Node's own variable for its compile cache, `NODE_DISABLE_COMPILE_CACHE`,
 * set to anything but the empty string.
 * @param {Record<string, string | undefined>} env
 * @returns {boolean}
 */
function cachingDisabled(env) {
  return (env.NODE_DISABLE_COMPILE_CACHE ?? "") !== "";
}

/** The SHA-256 of `data`. */
function sha256(data) {
  return createHash("sha256").update(data).digest();
}

/** The current user's id, or `undefined` where there is none (Windows: its tmpdir is per user already). */
function currentUid() {
  // The effective id: the one new files get as their owner.
  return typeof process.geteuid === "function" ? process.geteuid() : undefined;
}

module.exports = {
  cacheDirectory,
  cachingDisabled,
  currentUid,
  pruneExcess,
  pruneStale,
  readCacheFile,
  sha256,
  writeCacheFile,
  writeOnceLater,
};
