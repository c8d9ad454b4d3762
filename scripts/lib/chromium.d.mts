/** Types of chromium.mjs, for the TypeScript browser tests that import it. */

/** The options for playwright-core's `chromium.launch()`; throws naming the install command when missing. */
export declare function chromiumLaunchOptions(): { executablePath: string; args: string[] };
