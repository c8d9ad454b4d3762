/**
 * Debian's Chromium for the browser tests of every package: where it is and the flags these machines need
 * (without the background-networking ones, Chromium's own connections are refused by the closed network).
 */
import { existsSync } from "node:fs";

/**
 * The options for playwright-core's `chromium.launch()`: Debian's `chromium` (or `CHROMIUM_PATH`), headless.
 * @returns {{ executablePath: string, args: string[] }}
 * @throws {Error} naming the install command when the browser is missing
 */
export function chromiumLaunchOptions() {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(
      `No Chromium at ${executablePath}: run \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`,
    );
  }
  return {
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  };
}
