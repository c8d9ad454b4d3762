/**
 * Prism's operations of a spec kept between runs, keyed by the spec's exact bytes: reading a spec (YAML parse
 * with line numbers, Prism's dereference, decycle and operation transform) is the largest part of the mock's
 * start after Node's own; with a stored entry it is one JSON parse.
 *
 * Stored in the bin's private cache directory, under its rules (bin/private-cache.cjs: per user, 0700, owner
 * and symlink checks, a SHA-256 of the content). An entry is named by a hash of the bytes read (and the
 * versions of the mock, of Prism and of Node), so an edited spec never meets an old entry; only a spec that
 * passed the check and gave operations is stored, only one that refers to no other file (another file's edit
 * would not change the key), only on Node, and `NODE_DISABLE_COMPILE_CACHE` turns it off like the code cache.
 * A cache that cannot be used means no cache, silently.
 * @module
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import privateCache from "../../bin/private-cache.cjs";
import { decodeGraph, encodeGraph } from "./graph-json.js";
import { prismHttpVersion } from "./prism-require.js";
import type { Operation } from "./runtime.js";

/** First bytes of a spec entry (see private-cache.cjs for the rest of the format); bumped with the encoding. */
const MAGIC = Buffer.from("neuroio-spec-cache-1\n");
/** When an entry is written if the process is still running: after start-up and its first requests. */
const WRITE_AFTER_MS = 2_000;
/** Entries kept: each saved version of an edited spec leaves one. */
const MAX_ENTRIES = 16;

/** One spec's place in the cache. */
export interface SpecCacheEntry {
  /** The stored operations, or `undefined` when there are none usable (missing, corrupt, foreign). */
  read(): Operation[] | undefined;
  /** Stores the operations (encoded now, before anything can change them; written after start-up). */
  store(operations: readonly Operation[]): void;
}

/** Where and when the cache is kept (tests); by default the bin's directory under `os.tmpdir()`. */
export interface SpecCacheOptions {
  /** The folder the private directory is made in (`os.tmpdir()`). */
  base?: string;
  /** The environment (`process.env`): `NODE_DISABLE_COMPILE_CACHE` turns the cache off. */
  env?: Record<string, string | undefined>;
  /** How long after `store` the entry is written, unless the process exits first. */
  writeAfterMs?: number;
}

/**
 * The cache entry of a spec whose file holds `bytes`, or `undefined` when there is no usable cache (not Node,
 * turned off, no private directory).
 */
export function specCacheEntry(
  bytes: Uint8Array,
  options: SpecCacheOptions = {},
): SpecCacheEntry | undefined {
  const { base, env = process.env, writeAfterMs = WRITE_AFTER_MS } = options;
  try {
    if (!onNode() || privateCache.cachingDisabled(env)) return undefined;
    const dir = privateCache.cacheDirectory(base === undefined ? {} : { base });
    if (dir === undefined) return undefined;
    const key = privateCache.sha256(Buffer.concat([Buffer.from(`${codeVersions()}\n`), bytes]));
    const file = join(dir, `${key.toString("hex").slice(0, 32)}.spec`);
    return {
      read: () => readEntry(file),
      store: (operations) => storeEntry(dir, file, operations, writeAfterMs),
    };
  } catch {
    return undefined;
  }
}

function readEntry(file: string): Operation[] | undefined {
  const data = privateCache.readCacheFile(file, { magic: MAGIC });
  if (data === undefined) return undefined;
  try {
    const operations = decodeGraph(data.toString("utf8"));
    return isOperationList(operations) ? operations : undefined;
  } catch {
    return undefined; // not an encoding of ours: the store that follows the load rewrites it
  }
}

function storeEntry(dir: string, file: string, operations: readonly Operation[], delayMs: number): void {
  const text = encodeGraph(operations);
  if (text === undefined) return;
  privateCache.writeOnceLater(() => {
    if (privateCache.writeCacheFile(file, Buffer.from(text), { magic: MAGIC })) {
      privateCache.pruneExcess(dir, ".spec", MAX_ENTRIES, file);
    }
  }, delayMs);
}

/** What the entry's name depends on besides the spec: the code that made the operations. */
function codeVersions(): string {
  const requireHere = createRequire(import.meta.url);
  const prism = prismHttpVersion();
  return `${MAGIC.toString().trim()} ${ownVersion(requireHere)} prism-http@${prism} ${process.version} ${process.arch}`;
}

/** The mock's version, from its package.json (one folder up from dist/, two from src/prism/). */
function ownVersion(requireHere: NodeJS.Require): string {
  for (const candidate of ["../package.json", "../../package.json"]) {
    try {
      const manifest = requireHere(candidate) as { name?: string; version?: string };
      if (manifest.name === "@neuroio/tokens-mock") return String(manifest.version);
    } catch {
      // Not this folder.
    }
  }
  throw new Error("the mock's package.json was not found");
}

function onNode(): boolean {
  const versions = process.versions as Record<string, string | undefined>;
  return process.release?.name === "node" && versions.bun === undefined && versions.deno === undefined;
}

function isOperationList(value: unknown): value is Operation[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (item) =>
        typeof item === "object" &&
        item !== null &&
        typeof (item as { method?: unknown }).method === "string" &&
        typeof (item as { path?: unknown }).path === "string",
    )
  );
}
