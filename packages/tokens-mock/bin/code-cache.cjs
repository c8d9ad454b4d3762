"use strict";
/**
 * V8's compiled code of the CLI bundle kept between runs, for Nodes without `module.enableCompileCache`
 * (Node < 22.1; newer Nodes use their own cache, see the bin). Compiling the 1.4 MB bundle, and then each of
 * its functions the first time it runs, is a large part of the CLI's start-up; with the cache V8 reads the
 * code instead. The technique of the `v8-compile-cache` package (`vm.Script` with `cachedData`), with the
 * storage rules of Node's own compile cache:
 *
 * - One private directory per user: `<os.tmpdir()>/neuroio-tokens-mock-<uid>`, created with mode 0700. It is
 *   used only when it is a real directory (not a symlink), owned by this user, and closed to group and others;
 *   a cache file only when it is a regular file (opened without following a symlink) owned by this user. A
 *   file planted by anyone else is never loaded: V8 does not check the code it is handed.
 * - A file is named by a hash of the bundle's text, the Node version and the CPU architecture, and carries a
 *   SHA-256 of its content: a torn or corrupt file is ignored, like one V8 rejects, and rewritten.
 * - A cache that cannot be read or written (read-only or full disk, no tmpdir) only means no cache: the CLI
 *   starts as without it, silently. `NODE_DISABLE_COMPILE_CACHE` (Node's variable) turns it off.
 *
 * The cache is written once per process when there was no usable one, after start-up (or at exit, if that
 * comes first), so it holds the functions start-up and the first requests compiled, not only the top level.
 */
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const { tmpdir } = require("node:os");
const { dirname, join } = require("node:path");
const vm = require("node:vm");

/** First bytes of a cache file: the format; then the SHA-256 of the V8 data that follows. */
const MAGIC = Buffer.from("neuroio-v8-cache-1\n");
const DIGEST_BYTES = 32;
/** A larger file is not ours (the bundle's cache is a few MB): never read it into memory. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/** When the cache is written if the process is still running: start-up and the first requests are done. */
const WRITE_AFTER_MS = 2_000;
/**
 * Cache files not rewritten for this long are removed when a new one is written (each upgrade of the package or
 * of Node leaves its old file behind); a file in daily use is rewritten once after that. Temporary files of a
 * writer that died go after an hour.
 */
const STALE_MS = 30 * 24 * 60 * 60 * 1000;
const STALE_TEMPORARY_MS = 60 * 60 * 1000;
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
 * The V8 data of the cache file `file`, or `undefined` when there is none or it must not be used (not a
 * regular file, a symlink, another owner, writable by others, too large, torn or corrupt).
 * @param {string} file
 * @param {{ uid?: number }} [options]
 * @returns {Buffer | undefined}
 */
function readCacheFile(file, { uid = currentUid() } = {}) {
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
    const start = MAGIC.length + DIGEST_BYTES;
    if (content.length <= start || !content.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    const data = content.subarray(start);
    return sha256(data).equals(content.subarray(MAGIC.length, start)) ? data : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Writes `data` as the cache file `file`: to a new private file beside it, then renamed over it, so a reader
 * never sees half a file. Any failure leaves no file behind and is ignored.
 * @param {string} file
 * @param {Buffer} data
 * @returns {boolean} whether the file was written
 */
function writeCacheFile(file, data) {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  let fd;
  try {
    const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NOFOLLOW;
    fd = fs.openSync(temporary, flags, 0o600);
    for (const part of [MAGIC, sha256(data), data]) fs.writeSync(fd, part);
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
 * `require(file)` of a CommonJS file, its compiled code read from and written to the user's cache directory
 * (see the module's comment). Without a usable cache it is a plain `require`.
 * @param {string} file absolute path of the file
 * @param {{ base?: string, env?: Record<string, string | undefined>, writeAfterMs?: number }} [options]
 * `base`: where the cache directory is made (os.tmpdir()); `env`: the environment (`process.env`)
 * @returns {unknown} the module's exports
 */
function requireWithCodeCache(file, { base, env = process.env, writeAfterMs = WRITE_AFTER_MS } = {}) {
  const disabled = env.NODE_DISABLE_COMPILE_CACHE !== undefined && env.NODE_DISABLE_COMPILE_CACHE !== "";
  const dir = disabled ? undefined : cacheDirectory(base === undefined ? {} : { base });
  if (dir === undefined) return require(file);
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename, ...rest) {
    if (filename !== file) return compile.call(this, content, filename, ...rest);
    Module.prototype._compile = compile;
    const cacheFile = join(dir, cacheFileName(content));
    const cachedData = readCacheFile(cacheFile);
    const script = new vm.Script(Module.wrap(withoutHashbang(content)), {
      filename,
      ...(cachedData ? { cachedData } : {}),
      ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER
        ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }
        : {}),
    });
    if (cachedData === undefined || script.cachedDataRejected) scheduleWrite(script, cacheFile, writeAfterMs);
    const run = script.runInThisContext({ displayErrors: true });
    const require = Module.createRequire(filename);
    return run.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };
  try {
    return require(file);
  } finally {
    Module.prototype._compile = compile;
  }
}

/**
 * The cache file's name for a file's text: a hash of the text, the Node version (V8's) and the architecture.
 * @param {string} content
 * @returns {string}
 */
function cacheFileName(content) {
  const key = createHash("sha256").update(`${process.version} ${process.arch}\n`).update(content);
  return `${key.digest("hex").slice(0, 32)}.v8`;
}

/** Writes the script's code cache once: after `delayMs`, or at exit if that comes first. */
function scheduleWrite(script, cacheFile, delayMs) {
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    process.removeListener("exit", write);
    try {
      if (writeCacheFile(cacheFile, script.createCachedData())) pruneStale(dirname(cacheFile), cacheFile);
    } catch {
      // No cache this time; the next start tries again.
    }
  };
  setTimeout(write, delayMs).unref();
  process.once("exit", write);
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
    const limit = name.endsWith(".v8") ? STALE_MS : name.endsWith(".tmp") ? STALE_TEMPORARY_MS : undefined;
    if (limit === undefined || file === keep) continue;
    try {
      const stat = fs.lstatSync(file);
      if (stat.isFile() && now - stat.mtimeMs > limit) fs.rmSync(file);
    } catch {
      // Removed by another process meanwhile, or not ours to remove: left alone.
    }
  }
}

/** A first line `#!...` (the bundle's shebang) commented out: inside the module wrapper it is not allowed. */
function withoutHashbang(content) {
  return content.startsWith("#!") ? `//${content.slice(2)}` : content;
}

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
  cacheFileName,
  pruneStale,
  readCacheFile,
  requireWithCodeCache,
  writeCacheFile,
};
