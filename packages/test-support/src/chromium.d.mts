/** Types of chromium.mjs, for the TypeScript browser tests that import it. */

/** Names looked up on the PATH, in this order. */
export declare const BROWSER_COMMANDS: readonly string[];
/** The one line printed when no browser is found. */
export declare const INSTALL_HINT: string;
/** Where a browser was found, or the one line saying why none was. */
export declare function findChromium(
  env?: NodeJS.ProcessEnv,
  where?: { home?: string; platform?: NodeJS.Platform },
): { path: string; source: "CHROMIUM_PATH" | "PATH" | "playwright" } | { error: string };
/** The options for playwright-core's `chromium.launch()`; throws one line naming what to install when none is found. */
export declare function chromiumLaunchOptions(env?: NodeJS.ProcessEnv): {
  executablePath: string;
  args: string[];
};
