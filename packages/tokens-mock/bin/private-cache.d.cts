// Types of private-cache.cjs for the TypeScript modules that use it (src/prism/spec-cache.ts).
declare const privateCache: {
  cacheDirectory(options?: { base?: string; uid?: number }): string | undefined;
  cachingDisabled(env: Record<string, string | undefined>): boolean;
  currentUid(): number | undefined;
  pruneExcess(dir: string, suffix: string, max: number, keep: string): void;
  pruneStale(dir: string, keep: string, now?: number): void;
  readCacheFile(file: string, options: { magic: Buffer; uid?: number }): Buffer | undefined;
  sha256(data: string | Uint8Array): Buffer;
  writeCacheFile(file: string, data: Buffer, options: { magic: Buffer }): boolean;
  writeOnceLater(write: () => void, delayMs: number): void;
};
export = privateCache;
