/** Types of pack-tarball.mjs, for the TypeScript tests that import it. */

/** Runs `pnpm pack` in `packageDir` into `destination` and returns the tarball's absolute path. */
export declare function packTarball(packageDir: string, destination: string): string;
