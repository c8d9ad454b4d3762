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
const Module = require("node:module");
const { dirname, join } = require("node:path");
const vm = require("node:vm");
const privateCache = require("./private-cache.cjs");

const { cacheDirectory, cachingDisabled, pruneStale, sha256 } = privateCache;

/** First bytes of a cache file of V8 code (see private-cache.cjs for the rest of the format). */
const MAGIC = Buffer.from("neuroio-v8-cache-1\n");
/** When the cache is written if the process is still running: start-up and the first requests are done. */
const WRITE_AFTER_MS = 2_000;

/**
 * The V8 data of the cache file `file`, or `undefined` when there is none or it must not be used (see
 * private-cache.cjs's `readCacheFile`).
 * @param {string} file
 * @param {{ uid?: number }} [options]
 * @returns {Buffer | undefined}
 */
function readCacheFile(file, options = {}) {
  return privateCache.readCacheFile(file, { ...options, magic: MAGIC });
}

/**
 * Writes V8 data as the cache file `file` (see private-cache.cjs's `writeCacheFile`).
 * @param {string} file
 * @param {Buffer} data
 * @returns {boolean} whether the file was written
 */
function writeCacheFile(file, data) {
  return privateCache.writeCacheFile(file, data, { magic: MAGIC });
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
  const dir = cachingDisabled(env) ? undefined : cacheDirectory(base === undefined ? {} : { base });
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
  return `${sha256(`${process.version} ${process.arch}\n${content}`).toString("hex").slice(0, 32)}.v8`;
}

/** Writes the script's code cache once: after `delayMs`, or at exit if that comes first. */
function scheduleWrite(script, cacheFile, delayMs) {
  privateCache.writeOnceLater(() => {
    if (writeCacheFile(cacheFile, script.createCachedData())) pruneStale(dirname(cacheFile), cacheFile);
  }, delayMs);
}

/** A first line `#!...` (the bundle's shebang) commented out: inside the module wrapper it is not allowed. */
function withoutHashbang(content) {
  return content.startsWith("#!") ? `//${content.slice(2)}` : content;
}

module.exports = {
  cacheDirectory,
  cacheFileName,
  pruneStale,
  readCacheFile,
  requireWithCodeCache,
  writeCacheFile,
};
